// How `galguard check` shows a verdict: one line per finding for people, the stable JSON of
// DESIGN.md §7 for scripts.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "rules/checks/verdict.hpp"

namespace galguard::verdict {

nlohmann::json to_json(const rules::Verdict& verdict);
// One attachment of the personal-data breakdown: {"name","type","inspected","why",
// "identity_numbers","categories"}, and as one line for people.
nlohmann::json to_json(const rules::AttachmentData& attachment);
std::string to_text(const rules::AttachmentData& attachment);
std::string to_text(const rules::Verdict& verdict, const std::string& label);

}  // namespace galguard::verdict
