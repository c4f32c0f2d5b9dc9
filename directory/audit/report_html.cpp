// The audit report as one self-contained HTML page for people who do not read JSON (the DPO).
// Everything from the directory is escaped: display names are attacker-controlled text.
#include <fmt/format.h>

#include <ostream>

#include "directory/audit/report_json.hpp"

namespace galguard::directory {
namespace {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void write_rows(std::ostream& out, const AuditReport& report,
                const std::vector<AuditFinding>& findings) {
  for (const auto& f : findings) {
    const std::string* reason = report.exemption(f);
    const std::string exempted =
        reason != nullptr ? "<br><small>exempted by policy: " + escape(*reason) + "</small>" : "";
    out << fmt::format(
        "<tr class=\"{0}\"><td>{0}</td><td><code>{1}</code>{2}</td><td>{3}<br><small>{4}</small>"
        "</td><td>{5}</td><td><small>{6}</small></td></tr>\n",
        rules::to_string(f.severity), escape(f.code), f.drift == "new" ? " <b>new</b>" : "",
        escape(f.entry.display_name), escape(f.entry.address), escape(f.explanation) + exempted,
        escape(f.entry.source));
  }
}

}  // namespace

void write_html(std::ostream& out, const AuditReport& report) {
  out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>galguard directory audit</title><style>"
         "body{font:15px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
         "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
         "padding:.4em;text-align:left;vertical-align:top}.high,.critical{background:#fde8e8}"
         ".medium{background:#fff6db}</style></head><body>\n";
  out << fmt::format("<h1>Directory audit</h1>\n<p>{} entries, {} finding{}.</p>\n", report.entries,
                     report.findings.size(), report.findings.size() == 1 ? "" : "s");
  out << "<table><thead><tr><th>severity</th><th>code</th><th>entry</th><th>why</th>"
         "<th>source</th></tr></thead><tbody>\n";
  write_rows(out, report, report.findings);
  out << "</tbody></table>\n";
  if (report.has_previous) {
    out << fmt::format("<h2>Resolved since the previous audit ({})</h2>\n<table><tbody>\n",
                       report.resolved.size());
    write_rows(out, report, report.resolved);
    out << "</tbody></table>\n";
  }
  out << "</body></html>\n";
}

}  // namespace galguard::directory
