// How `galguard check` shows a verdict: one line per finding for people, the stable JSON of
// DESIGN.md §7 for scripts.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "rules/checks/verdict.hpp"

namespace galguard::verdict {

nlohmann::json to_json(const rules::Verdict& verdict);
std::string to_text(const rules::Verdict& verdict, const std::string& label);

}  // namespace galguard::verdict
