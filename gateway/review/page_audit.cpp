#include <fmt/format.h>

#include "gateway/review/html.hpp"
#include "gateway/review/pages.hpp"

namespace galguard::review {

std::string audit_page(const std::optional<AuditView>& report, const std::string& problem,
                       const Viewer& viewer, const std::string& flash) {
  std::string content = "<h1>Directory audit</h1>";
  if (!problem.empty()) {
    content += fmt::format("<p class=\"error\">{}</p>", escape(problem));
    return layout("Audit", &viewer, flash, content);
  }
  if (!report) {
    content +=
        "<p>No audit report yet. The gateway writes one on the schedule set by "
        "<code>[audit] interval</code>.</p>";
    return layout("Audit", &viewer, flash, content);
  }
  content += fmt::format("<p class=\"muted\">Report {}: {} entries, {} finding{}.</p>",
                         escape(report->file), report->entries, report->findings.size(),
                         report->findings.size() == 1 ? "" : "s");
  if (report->findings.empty()) return layout("Audit", &viewer, flash, content);
  content +=
      "<table class=\"stack\"><thead><tr><th>Code</th><th>Severity</th><th>Entry</th>"
      "<th>Address</th><th>Why</th><th>Drift</th><th></th></tr></thead><tbody>";
  for (std::size_t n = 0; n < report->findings.size(); ++n) {
    const auto& f = report->findings[n];
    std::string action;
    if (viewer.may_act())
      action = fmt::format(
          "<form method=\"post\" action=\"/audit/incident\">{}"
          "<input type=\"hidden\" name=\"finding\" value=\"{}\">"
          "<input type=\"hidden\" name=\"report\" value=\"{}\">"
          "<button type=\"submit\" class=\"secondary\">Create incident</button></form>",
          csrf_field(viewer), n, escape(report->file));
    content += fmt::format(
        "<tr><td data-label=\"Code\">{}</td><td data-label=\"Severity\">{}</td>"
        "<td data-label=\"Entry\">{}</td><td data-label=\"Address\">{}</td>"
        "<td data-label=\"Why\">{}</td><td data-label=\"Drift\">{}</td><td>{}</td></tr>",
        escape(f.code), escape(f.severity), escape(f.display_name), escape(f.address),
        escape(f.explanation), escape(f.drift), action);
  }
  content += "</tbody></table>";
  return layout("Audit", &viewer, flash, content);
}

}  // namespace galguard::review
