// The current Rulebook, its loading, and its reloading (SIGHUP, a source or policy file whose
// modification time changed, the refresh interval of server sources). A failed reload keeps the
// rulebook that works; a failed first load falls back to the copy saved after the last good
// load (the files themselves, or what a server gave written as LDIF), and only without one does
// the gateway run with no rulebook (and then fails closed, DESIGN.md §4).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "directory/source.hpp"
#include "gateway/server/log.hpp"
#include "gateway/server/rulebook.hpp"

namespace galguard::server {

struct DirectoryFiles {
  std::vector<std::string> sources;
  std::string policy;
  std::string saved_snapshot;        // a directory; empty = do not save
  directory::SourceOptions options;  // for ldap:// and graph:// sources
};

class DirectoryState {
 public:
  DirectoryState(DirectoryFiles files, Log& log);

  // Null until a load succeeded. Safe to call from any thread.
  std::shared_ptr<const Rulebook> current() const;
  // Blocking (seconds for a big directory): call it off the SMTP thread. Returns whether the
  // rulebook now in use came from this load.
  bool load();
  // A source or the policy changed on disk since the last load (or cannot be stat'ed now).
  bool changed_on_disk() const;
  // Some source is a server (ldap://, graph://): it is read again on an interval.
  bool has_server_sources() const;

 private:
  using Stamps = std::map<std::string, std::filesystem::file_time_type>;
  Stamps stamps() const;
  std::shared_ptr<const Rulebook> load_from(
      const std::vector<std::unique_ptr<directory::DirectorySource>>& sources,
      const std::string& origin) const;
  void save_copy(const rules::Snapshot& snapshot) const;
  std::vector<std::string> saved_sources() const;

  DirectoryFiles files_;
  // Opened once and kept: a Graph source keeps its token and delta links between loads.
  std::vector<std::unique_ptr<directory::DirectorySource>> sources_;
  Log& log_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Rulebook> current_;
  Stamps loaded_stamps_;
};

}  // namespace galguard::server
