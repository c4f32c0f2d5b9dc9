#include "gateway/server/directory_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "directory/audit/flagged.hpp"
#include "directory/files/ldif_writer.hpp"
#include "rules/policy/policy.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::server {
namespace fs = std::filesystem;
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw rules::InputError(path, "cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

bool is_file_source(const std::string& spec) {
  return !directory::is_url_source(spec);
}

// "3 min", "2 h": how old the directory in use is, for the log of a failed refresh.
std::string age_of(std::chrono::system_clock::time_point since) {
  const auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(std::chrono::system_clock::now() - since)
          .count();
  if (minutes < 120) return fmt::format("{} min", minutes);
  return fmt::format("{} h", minutes / 60);
}

}  // namespace

DirectoryState::DirectoryState(DirectoryFiles files, Log& log)
    : files_(std::move(files)), log_(log) {}

std::shared_ptr<const Rulebook> DirectoryState::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

DirectoryState::Stamps DirectoryState::stamps() const {
  Stamps out;
  std::vector<std::string> paths = files_.sources;
  paths.push_back(files_.policy);
  for (const auto& path : paths) {
    if (!is_file_source(path)) continue;
    std::error_code error;
    out[path] = fs::last_write_time(path, error);
  }
  return out;
}

bool DirectoryState::changed_on_disk() const {
  const Stamps now = stamps();
  std::lock_guard lock(mutex_);
  return now != loaded_stamps_;
}

bool DirectoryState::has_server_sources() const {
  return !std::all_of(files_.sources.begin(), files_.sources.end(), is_file_source);
}

std::shared_ptr<const Rulebook> DirectoryState::load_from(
    const std::vector<std::unique_ptr<directory::DirectorySource>>& sources,
    const std::string& origin) const {
  auto policy = std::make_shared<const rules::Policy>(
      rules::parse_policy(read_file(files_.policy), files_.policy));
  directory::LoadResult loaded = directory::load_together(sources);
  constexpr std::size_t kShown = 10;
  for (std::size_t i = 0; i < loaded.diagnostics.size() && i < kShown; ++i)
    log_.warning(fmt::format("directory: {}: {}", loaded.diagnostics[i].place,
                             loaded.diagnostics[i].message));
  if (loaded.diagnostics.size() > kShown)
    log_.warning(
        fmt::format("directory: {} more problems (not shown)", loaded.diagnostics.size() - kShown));
  auto rulebook = std::make_shared<Rulebook>();
  // The audit runs with every load, so an entry flagged today stops mail today.
  rulebook->flagged = std::make_shared<const rules::FlaggedAddresses>(
      directory::audit_flags(*loaded.snapshot, *policy, files_.policy));
  rulebook->origin = fmt::format("{} ({} entries)", origin, loaded.snapshot->size());
  rulebook->directory = std::move(loaded.snapshot);
  rulebook->policy = std::move(policy);
  rulebook->loaded_at = std::chrono::system_clock::now();
  return rulebook;
}

bool DirectoryState::load() {
  const Stamps before = stamps();
  std::string origin;
  for (const auto& source : files_.sources)
    origin += (origin.empty() ? "" : ", ") + source;
  try {
    if (sources_.empty())
      for (const auto& spec : files_.sources)
        sources_.push_back(directory::open_source(spec, files_.options));
    auto rulebook = load_from(sources_, origin);
    {
      std::lock_guard lock(mutex_);
      current_ = rulebook;
      loaded_stamps_ = before;
    }
    log_.info(fmt::format("directory loaded: {}", rulebook->origin));
    log_.info(fmt::format("directory audited: {} addresses of flagged entries held",
                          rulebook->flagged->size()));
    save_copy(*rulebook->directory);
    return true;
  } catch (const std::exception& e) {
    {
      std::lock_guard lock(mutex_);
      // Do not retry the same broken files every poll; a new change is looked at again.
      loaded_stamps_ = before;
      if (current_) {
        log_.error(fmt::format("directory reload failed, still using {} (loaded {} ago): {}",
                               current_->origin, age_of(current_->loaded_at), e.what()));
        return false;
      }
    }
    log_.error(fmt::format("directory not loaded: {}", e.what()));
  }
  const auto saved = saved_sources();
  if (saved.empty()) return false;
  try {
    std::vector<std::unique_ptr<directory::DirectorySource>> saved_sources;
    for (const auto& spec : saved)
      saved_sources.push_back(directory::open_source(spec));
    auto rulebook = load_from(saved_sources, "saved snapshot " + files_.saved_snapshot);
    std::lock_guard lock(mutex_);
    current_ = std::move(rulebook);
    log_.warning(fmt::format("using the last good directory: {}", current_->origin));
    return false;
  } catch (const std::exception& e) {
    log_.error(fmt::format("saved directory snapshot not usable either: {}", e.what()));
    return false;
  }
}

// Files: the source files as they were when they last loaded, named "N-original-name" so their
// order and format (by extension) are kept. With a server among the sources: the entries of the
// whole snapshot as one LDIF file (a server has no file to copy). Written to a temporary name
// and renamed: a crash mid-copy leaves the previous copy whole.
void DirectoryState::save_copy(const rules::Snapshot& snapshot) const {
  if (files_.saved_snapshot.empty()) return;
  try {
    const fs::path dir = files_.saved_snapshot;
    const fs::path next = dir.string() + ".new";
    fs::remove_all(next);
    fs::create_directories(next);
    if (has_server_sources()) {
      const fs::path file = next / "000-directory.ldif";
      std::ofstream out(file, std::ios::binary);
      out << directory::files::write_ldif(snapshot.entries());
      out.close();
      if (!out) throw std::runtime_error("cannot write " + file.string());
    }
    for (std::size_t i = 0; i < files_.sources.size() && !has_server_sources(); ++i) {
      const fs::path source = files_.sources[i];
      fs::copy_file(source, next / fmt::format("{:03}-{}", i, source.filename().string()));
    }
    const fs::path old = dir.string() + ".old";
    fs::remove_all(old);
    if (fs::exists(dir)) fs::rename(dir, old);
    fs::rename(next, dir);
    fs::remove_all(old);
  } catch (const std::exception& e) {
    log_.warning(fmt::format("could not save a copy of the directory: {}", e.what()));
  }
}

std::vector<std::string> DirectoryState::saved_sources() const {
  std::vector<std::string> out;
  std::error_code error;
  if (files_.saved_snapshot.empty() || !fs::is_directory(files_.saved_snapshot, error)) return out;
  for (const auto& entry : fs::directory_iterator(files_.saved_snapshot, error))
    if (entry.is_regular_file()) out.push_back(entry.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace galguard::server
