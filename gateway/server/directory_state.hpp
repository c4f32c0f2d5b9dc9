// The current Rulebook, its loading, and its reloading (SIGHUP, or a source or policy file
// whose modification time changed). A failed reload keeps the rulebook that works; a failed
// first load falls back to the copy saved after the last good load, and only without one does
// the gateway run with no rulebook (and then fails closed, DESIGN.md §4).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gateway/server/log.hpp"
#include "gateway/server/rulebook.hpp"

namespace galguard::server {

struct DirectoryFiles {
  std::vector<std::string> sources;
  std::string policy;
  std::string saved_snapshot;  // a directory; empty = do not save
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

 private:
  using Stamps = std::map<std::string, std::filesystem::file_time_type>;
  Stamps stamps() const;
  std::shared_ptr<const Rulebook> load_from(const std::vector<std::string>& sources,
                                            const std::string& origin) const;
  void save_copy() const;
  std::vector<std::string> saved_sources() const;

  DirectoryFiles files_;
  Log& log_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Rulebook> current_;
  Stamps loaded_stamps_;
};

}  // namespace galguard::server
