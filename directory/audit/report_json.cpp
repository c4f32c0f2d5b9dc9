#include "directory/audit/report_json.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "rules/text/input_error.hpp"

namespace galguard::directory {
namespace {

using nlohmann::json;

json ref_json(const EntryRef& r) {
  return {
      {"id", r.id}, {"display_name", r.display_name}, {"address", r.address}, {"source", r.source}};
}

EntryRef ref_from(const json& j) {
  return {j.value("id", ""), j.value("display_name", ""), j.value("address", ""),
          j.value("source", "")};
}

json finding_json(const AuditFinding& f) {
  json related = json::array();
  for (const auto& r : f.related)
    related.push_back(ref_json(r));
  json out = {{"code", f.code},
              {"severity", rules::to_string(f.severity)},
              {"entry", ref_json(f.entry)},
              {"related", std::move(related)},
              {"explanation", f.explanation}};
  if (!f.drift.empty()) out["drift"] = f.drift;
  return out;
}

AuditFinding finding_from(const json& j) {
  AuditFinding f;
  f.code = j.at("code").get<std::string>();
  f.severity = rules::parse_severity(j.value("severity", "none")).value_or(rules::Severity::none);
  f.entry = ref_from(j.at("entry"));
  for (const auto& r : j.value("related", json::array()))
    f.related.push_back(ref_from(r));
  f.explanation = j.value("explanation", "");
  return f;
}

}  // namespace

void write_json(std::ostream& out, const AuditReport& report) {
  // Written piece by piece: the state of a million entries as one JSON tree would take more
  // memory than the directory itself.
  auto findings = [&report](const std::vector<AuditFinding>& list) {
    json array = json::array();
    for (const auto& f : list) {
      array.push_back(finding_json(f));
      if (const std::string* reason = report.exemption(f)) array.back()["exempted"] = *reason;
    }
    return array.dump();
  };
  out << "{\"entries\":" << report.entries << ",\"findings\":" << findings(report.findings);
  if (report.has_previous) out << ",\"resolved\":" << findings(report.resolved);
  // What the next audit's drift compares against.
  out << ",\"state\":{";
  bool first = true;
  for (const auto& [id, s] : report.state) {
    out << (first ? "" : ",") << json(id).dump() << ':'
        << json{{"display_name", s.display_name}, {"addresses", s.addresses}}.dump();
    first = false;
  }
  out << "}}\n";
}

AuditReport report_from_json(std::string_view text, const std::string& file_name) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("findings"))
    throw rules::InputError(file_name,
                            "not a galguard audit report (expected the JSON that "
                            "`galguard audit --json` prints)");
  AuditReport report;
  try {
    report.entries = j.value("entries", std::size_t{0});
    for (const auto& f : j.at("findings"))
      report.findings.push_back(finding_from(f));
    const json state = j.value("state", json::object());
    for (const auto& [id, s] : state.items())
      report.state[id] = {s.value("display_name", ""),
                          s.value("addresses", std::vector<std::string>{})};
  } catch (const json::exception& e) {
    throw rules::InputError(file_name, std::string("malformed audit report: ") + e.what());
  }
  return report;
}

}  // namespace galguard::directory
