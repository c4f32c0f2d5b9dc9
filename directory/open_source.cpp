#include <fstream>
#include <sstream>

#include "directory/files/file_sources.hpp"
#include "directory/graph/graph_source.hpp"
#include "directory/ldap/ldap_source.hpp"
#include "directory/source.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory {
namespace {

using Parser = ParsedEntries (*)(std::string_view, const std::string&);

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw rules::InputError(path, "cannot open directory file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw rules::InputError(path, "cannot read directory file");
  return std::move(buffer).str();
}

class FileSource final : public DirectorySource {
 public:
  FileSource(std::string path, Parser parser) : path_(std::move(path)), parser_(parser) {}

  LoadResult load() override { return snapshot_of(parser_(read_file(path_), path_), path_); }

  std::string describe() const override { return path_; }

 private:
  std::string path_;
  Parser parser_;
};

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char a = s[s.size() - suffix.size() + i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != suffix[i]) return false;
  }
  return true;
}

}  // namespace

LoadResult snapshot_of(ParsedEntries parsed, const std::string& place,
                       const std::string& nothing_found) {
  if (parsed.entries.empty()) {
    const std::string why =
        parsed.diagnostics.empty()
            ? nothing_found
            : "no entry could be loaded; first problem: " + parsed.diagnostics.front().place +
                  ": " + parsed.diagnostics.front().message;
    throw rules::InputError(place, why);
  }
  return {std::make_shared<const rules::Snapshot>(std::move(parsed.entries)),
          std::move(parsed.diagnostics)};
}

bool is_url_source(std::string_view spec) {
  for (std::string_view scheme : {"ldap://", "ldaps://", "ldapi://", "graph://"})
    if (spec.starts_with(scheme)) return true;
  return false;
}

std::unique_ptr<DirectorySource> open_source(std::string_view spec, const SourceOptions& options) {
  std::string s(spec);
  if (s.starts_with("graph://")) return open_graph_source(s, options.graph, options.on_progress);
  if (is_url_source(s)) return open_ldap_source(s, options.ldap, options.on_progress);
  if (ends_with_ci(s, ".ldif")) return std::make_unique<FileSource>(s, &parse_ldif);
  if (ends_with_ci(s, ".json")) return std::make_unique<FileSource>(s, &parse_graph_json);
  if (ends_with_ci(s, ".csv")) return std::make_unique<FileSource>(s, &parse_recipient_csv);
  throw rules::InputError(s, "unknown directory source: expected a .ldif, .json or .csv file");
}

LoadResult load_all(const std::vector<std::string>& specs, const SourceOptions& options) {
  std::vector<std::unique_ptr<DirectorySource>> sources;
  for (const auto& spec : specs)
    sources.push_back(open_source(spec, options));
  return load_together(sources);
}

LoadResult load_together(const std::vector<std::unique_ptr<DirectorySource>>& sources) {
  if (sources.size() == 1) return sources.front()->load();
  std::vector<rules::Entry> entries;
  std::vector<Diagnostic> diagnostics;
  for (const auto& source : sources) {
    LoadResult one = source->load();
    entries.insert(entries.end(), one.snapshot->entries().begin(), one.snapshot->entries().end());
    diagnostics.insert(diagnostics.end(), one.diagnostics.begin(), one.diagnostics.end());
  }
  return {std::make_shared<const rules::Snapshot>(std::move(entries)), std::move(diagnostics)};
}

}  // namespace galguard::directory
