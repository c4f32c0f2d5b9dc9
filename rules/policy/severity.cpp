#include "rules/policy/severity.hpp"

namespace galguard::rules {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::none:
      return "none";
    case Severity::low:
      return "low";
    case Severity::medium:
      return "medium";
    case Severity::high:
      return "high";
    case Severity::critical:
      return "critical";
  }
  return "none";
}

std::string_view to_string(Action a) {
  switch (a) {
    case Action::pass:
      return "pass";
    case Action::quarantine:
      return "quarantine";
    case Action::reject:
      return "reject";
  }
  return "pass";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity s :
       {Severity::none, Severity::low, Severity::medium, Severity::high, Severity::critical})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

std::optional<Action> parse_action(std::string_view text) {
  for (Action a : {Action::pass, Action::quarantine, Action::reject})
    if (text == to_string(a)) return a;
  return std::nullopt;
}

Severity raised(Severity s) {
  switch (s) {
    case Severity::none:
      return Severity::none;
    case Severity::low:
      return Severity::medium;
    case Severity::medium:
      return Severity::high;
    case Severity::high:
    case Severity::critical:
      return Severity::critical;
  }
  return s;
}

}  // namespace galguard::rules
