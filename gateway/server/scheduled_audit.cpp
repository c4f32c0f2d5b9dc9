#include "gateway/server/scheduled_audit.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "directory/audit/auditor.hpp"
#include "directory/audit/report_json.hpp"

namespace galguard::server {
namespace fs = std::filesystem;
namespace {

// The names sort by time, so the newest is the last.
std::optional<fs::path> newest_report(const fs::path& dir) {
  std::optional<fs::path> newest;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !name.starts_with("audit-") || !name.ends_with(".json"))
      continue;
    if (!newest || name > newest->filename().string()) newest = entry.path();
  }
  return newest;
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

}  // namespace

std::string run_scheduled_audit(const Rulebook& rulebook, const std::string& dir,
                                metrics::GatewayMetrics* metrics) {
  fs::create_directories(dir);
  directory::AuditReport report = directory::audit(*rulebook.directory, *rulebook.policy);
  std::string against = "no earlier report";
  if (const auto previous = newest_report(dir)) {
    directory::apply_drift(report,
                           directory::report_from_json(read_whole(*previous), previous->string()));
    against = previous->filename().string();
  }
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  fs::path file = fs::path(dir) / fmt::format("audit-{:%Y%m%dT%H%M%SZ}.json", now);
  // Written whole under a temporary name, then renamed: a reader never sees half a report.
  const fs::path partial = file.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary);
    directory::write_json(out, report);
    out << '\n';
    out.close();
    if (!out) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, file);
  if (metrics) {
    std::map<std::string, std::size_t> by_severity;
    for (const auto& finding : report.findings)
      ++by_severity[std::string(rules::to_string(finding.severity))];
    metrics->audit(by_severity);
  }
  const auto fresh = std::count_if(report.findings.begin(), report.findings.end(),
                                   [](const auto& f) { return f.drift == "new"; });
  return fmt::format(
      "scheduled audit: {} entries, {} findings ({} new, {} resolved since {}) -> {}",
      report.entries, report.findings.size(), fresh, report.resolved.size(), against,
      file.string());
}

}  // namespace galguard::server
