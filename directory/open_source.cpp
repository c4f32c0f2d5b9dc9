#include <fstream>
#include <sstream>

#include "directory/files/file_sources.hpp"
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

  LoadResult load() override {
    ParsedEntries parsed = parser_(read_file(path_), path_);
    if (parsed.entries.empty()) {
      std::string why =
          parsed.diagnostics.empty()
              ? "no directory entry with a mail address found"
              : "no entry could be loaded; first problem: " + parsed.diagnostics.front().place +
                    ": " + parsed.diagnostics.front().message;
      throw rules::InputError(path_, why);
    }
    return {std::make_shared<const rules::Snapshot>(std::move(parsed.entries)),
            std::move(parsed.diagnostics)};
  }

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

std::unique_ptr<DirectorySource> open_source(std::string_view spec) {
  std::string s(spec);
  for (std::string_view scheme : {"ldap://", "ldaps://", "graph://"}) {
    if (s.starts_with(scheme))
      throw rules::InputError(s, "live directory sources (" + std::string(scheme) +
                                     ") are not in this build yet; use an export file "
                                     "(.ldif, .json, .csv)");
  }
  if (ends_with_ci(s, ".ldif")) return std::make_unique<FileSource>(s, &parse_ldif);
  if (ends_with_ci(s, ".json")) return std::make_unique<FileSource>(s, &parse_graph_json);
  if (ends_with_ci(s, ".csv")) return std::make_unique<FileSource>(s, &parse_recipient_csv);
  throw rules::InputError(s, "unknown directory source: expected a .ldif, .json or .csv file");
}

LoadResult load_all(const std::vector<std::string>& specs) {
  if (specs.size() == 1) return open_source(specs.front())->load();
  std::vector<rules::Entry> entries;
  std::vector<Diagnostic> diagnostics;
  for (const auto& spec : specs) {
    LoadResult one = open_source(spec)->load();
    entries.insert(entries.end(), one.snapshot->entries().begin(), one.snapshot->entries().end());
    diagnostics.insert(diagnostics.end(), one.diagnostics.begin(), one.diagnostics.end());
  }
  return {std::make_shared<const rules::Snapshot>(std::move(entries)), std::move(diagnostics)};
}

}  // namespace galguard::directory
