// Where directory entries come from. Every source (LDIF, Graph-JSON, CSV files now; LDAP and
// Graph later) turns its input into one immutable Snapshot. DESIGN.md §1, §5.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

class DirectorySource {
 public:
  virtual ~DirectorySource() = default;
  // Throws rules::InputError when nothing can be loaded (unreadable file, no valid entry).
  virtual LoadResult load() = 0;
  virtual std::string describe() const = 0;
};

// "gal.ldif", "export.json", "gal.csv" → the matching file source; a URL scheme that this
// build cannot serve yet (ldap://, graph://) → rules::InputError saying so.
std::unique_ptr<DirectorySource> open_source(std::string_view spec);

// Several sources read as one directory (entries concatenated, diagnostics kept).
LoadResult load_all(const std::vector<std::string>& specs);

}  // namespace galguard::directory
