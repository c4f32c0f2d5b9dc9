// The audit report as JSON (DESIGN.md §7) and back for `--previous REPORT`; as HTML and text.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "directory/audit/audit_report.hpp"

namespace galguard::directory {

// One line of JSON: {"entries","findings","resolved" (with a previous report),"state"}.
void write_json(std::ostream& out, const AuditReport& report);

// Throws rules::InputError naming `file_name` when the text is not an audit report.
AuditReport report_from_json(std::string_view text, const std::string& file_name);

// One self-contained HTML page, everything from the directory escaped.
void write_html(std::ostream& out, const AuditReport& report);

// One line per finding with its reason, for people.
std::string to_text(const AuditReport& report);

}  // namespace galguard::directory
