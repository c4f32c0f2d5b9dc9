// Where directory entries come from. Every source (LDIF, Graph-JSON, CSV files now; LDAP and
// Graph later) turns its input into one immutable Snapshot. DESIGN.md §1, §5.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "directory/source_options.hpp"
#include "rules/model/snapshot.hpp"

namespace galguard::directory {

// A bad line or entry that was skipped; loading goes on.
struct Diagnostic {
  std::string place;  // "gal.ldif:42", "users.json:/value/3"
  std::string message;
};

// Entries parsed from one input, before indexing.
struct ParsedEntries {
  std::vector<rules::Entry> entries;
  std::vector<Diagnostic> diagnostics;
};

struct LoadResult {
  std::shared_ptr<const rules::Snapshot> snapshot;
  std::vector<Diagnostic> diagnostics;
};

// The snapshot of what a source read; rules::InputError(place, why) when no entry is left:
// `nothing_found` when nothing was skipped either, else the first problem.
LoadResult snapshot_of(ParsedEntries parsed, const std::string& place,
                       const std::string& nothing_found =
                           "no directory entry with a mail "
                           "address found");

class DirectorySource {
 public:
  virtual ~DirectorySource() = default;
  // Throws rules::InputError when nothing can be loaded (unreadable file, no valid entry).
  virtual LoadResult load() = 0;
  virtual std::string describe() const = 0;
};

// "gal.ldif", "export.json", "gal.csv" → the matching file source; "ldap://", "ldaps://",
// "ldapi://" → the LDAP source, "graph://TENANT" → the Graph source, both with `options`.
std::unique_ptr<DirectorySource> open_source(std::string_view spec,
                                             const SourceOptions& options = {});

// True for the specs that name a server rather than a file.
bool is_url_source(std::string_view spec);

// Several sources read as one directory (entries concatenated, diagnostics kept).
LoadResult load_all(const std::vector<std::string>& specs, const SourceOptions& options = {});
// The same for sources already open, which keep their state (a Graph delta link) between loads.
LoadResult load_together(const std::vector<std::unique_ptr<DirectorySource>>& sources);

}  // namespace galguard::directory
