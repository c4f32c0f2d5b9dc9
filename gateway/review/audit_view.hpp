// The audit page's source: the newest report the scheduled audit wrote into
// config.audit_reports (gateway/server/scheduled_audit.cpp names them audit-YYYYMMDDTHHMMSSZ.json,
// so the newest sorts last; the format is directory/audit/report_json.cpp's).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace galguard::review {

struct AuditFindingView {
  std::string code;
  std::string severity;
  std::string display_name;
  std::string address;
  std::string explanation;
  std::string drift;  // "new", "" ...
  std::string json;   // the finding as the report has it, for incidents::incident_from_finding
};

struct AuditView {
  std::string file;  // the report's file name, no directory
  std::size_t entries = 0;
  std::vector<AuditFindingView> findings;
};

// nullopt when the directory holds no report (or does not exist). Throws std::runtime_error
// naming the file when the newest report cannot be read or is not a report.
std::optional<AuditView> newest_audit(const std::string& directory);

}  // namespace galguard::review
