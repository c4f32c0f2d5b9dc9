// Severities of findings and the actions a policy maps them to. Stable names: scripts use them.
#pragma once

#include <optional>
#include <string_view>

namespace galguard::rules {

enum class Severity { none, low, medium, high, critical };
enum class Action { pass, quarantine, reject };

std::string_view to_string(Severity s);
std::string_view to_string(Action a);
std::optional<Severity> parse_severity(std::string_view text);
std::optional<Action> parse_action(std::string_view text);

// One step up (special-category data present), capped at critical.
Severity raised(Severity s);

}  // namespace galguard::rules
