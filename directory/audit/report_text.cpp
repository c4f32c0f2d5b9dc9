#include <fmt/format.h>

#include "directory/audit/report_json.hpp"

namespace galguard::directory {

std::string to_text(const AuditReport& report) {
  std::string out = fmt::format("audit: {} entries, {} finding{}", report.entries,
                                report.findings.size(), report.findings.size() == 1 ? "" : "s");
  if (report.has_previous) {
    std::size_t fresh = 0;
    for (const auto& f : report.findings)
      fresh += f.drift == "new" ? 1 : 0;
    out += fmt::format(" ({} new, {} resolved since the previous audit)", fresh,
                       report.resolved.size());
  }
  out += '\n';
  for (const auto& f : report.findings) {
    out += fmt::format("  {:<6} {}{} {}", rules::to_string(f.severity), f.code,
                       f.drift == "new" ? " [new]" : "", f.explanation);
    if (!f.entry.source.empty()) out += fmt::format(" ({})", f.entry.source);
    if (const std::string* reason = report.exemption(f))
      out += fmt::format(" [exempted by policy: {}]", *reason);
    out += '\n';
  }
  for (const auto& f : report.resolved)
    out +=
        fmt::format("  resolved {} \"{}\" <{}>\n", f.code, f.entry.display_name, f.entry.address);
  return out;
}

}  // namespace galguard::directory
