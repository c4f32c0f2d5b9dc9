#include "gateway/verdict/verdict_output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace galguard::verdict {
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
  return {{"verdict", rules::to_string(v.action)},
          {"severity", rules::to_string(v.severity)},
          {"findings", std::move(findings)},
          {"personal_data",
           {{"identity_numbers", pd.identity_numbers},
            {"ibans", pd.ibans},
            {"categories", pd.categories},
            {"places", pd.places}}}};
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
  return out;
}

}  // namespace galguard::verdict
