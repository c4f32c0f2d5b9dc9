#include "gateway/verdict/verdict_output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace galguard::verdict {

nlohmann::json to_json(const rules::AttachmentData& a) {
  return {{"name", a.name},
          {"type", a.type},
          {"inspected", a.inspected},
          {"why", a.why},
          {"identity_numbers", a.identity_numbers},
          {"categories", a.categories}};
}

std::string to_text(const rules::AttachmentData& a) {
  const std::string state = !a.inspected    ? "not inspected: " + a.why
                            : a.why.empty() ? "inspected"
                                            : "inspected in part: " + a.why;
  return fmt::format("{} ({}, {}): {} identity number{}{}{}", a.name, a.type, state,
                     a.identity_numbers, a.identity_numbers == 1 ? "" : "s",
                     a.categories.empty() ? "" : "; ", fmt::join(a.categories, ", "));
}

nlohmann::json to_json(const rules::Verdict& v) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : v.findings) {
    findings.push_back({{"code", f.code},
                        {"severity", rules::to_string(f.severity)},
                        {"header", f.header},
                        {"display_name", f.display_name},
                        {"address", f.address},
                        {"expected", f.expected},
                        {"explanation", f.explanation}});
  }
  const auto& pd = v.personal_data;
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : pd.attachments)
    attachments.push_back(to_json(a));
  return {{"verdict", rules::to_string(v.action)},
          {"severity", rules::to_string(v.severity)},
          {"findings", std::move(findings)},
          {"personal_data",
           {{"identity_numbers", pd.identity_numbers},
            {"ibans", pd.ibans},
            {"categories", pd.categories},
            {"places", pd.places},
            {"attachments", std::move(attachments)}}}};
}

std::string to_text(const rules::Verdict& v, const std::string& label) {
  std::string out = fmt::format("{}: {}", label, rules::to_string(v.action));
  if (v.severity != rules::Severity::none)
    out += fmt::format(" (severity {})", rules::to_string(v.severity));
  out += '\n';
  for (const auto& f : v.findings)
    out += fmt::format("  {:<6} {} [{}] {}\n", rules::to_string(f.severity), f.code, f.header,
                       f.explanation);
  const auto& pd = v.personal_data;
  if (!pd.empty()) {
    out += fmt::format("  personal data: {} identity number{}", pd.identity_numbers,
                       pd.identity_numbers == 1 ? "" : "s");
    if (pd.ibans > 0) out += fmt::format(", {} IBAN{}", pd.ibans, pd.ibans == 1 ? "" : "s");
    out += fmt::format("; categories: {}; found in: {}\n", fmt::join(pd.categories, ", "),
                       fmt::join(pd.places, ", "));
  }
  for (const auto& a : pd.attachments)
    out += "  attachment " + to_text(a) + "\n";
  return out;
}

}  // namespace galguard::verdict
