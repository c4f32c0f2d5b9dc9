#include "gateway/quarantine/store.hpp"

namespace galguard::quarantine {

std::string_view to_string(State s) {
  switch (s) {
    case State::held:
      return "held";
    case State::released:
      return "released";
    case State::deleted:
      return "deleted";
    case State::expired:
      return "expired";
  }
  return "unknown";
}

std::optional<State> state_from_string(std::string_view s) {
  for (State st : {State::held, State::released, State::deleted, State::expired}) {
    if (to_string(st) == s) return st;
  }
  return std::nullopt;
}

}  // namespace galguard::quarantine
