#include "gateway/quarantine/transition_rules.hpp"

namespace galguard::quarantine {

void check_transition(const std::string& id, State from, State to) {
  if (from == State::held && to != State::held) return;
  // Released mail has left; deleted or expired mail has no bytes to act on. Refusing keeps the
  // log truthful instead of recording decisions that changed nothing.
  throw StateError("quarantine message " + id + " is " + std::string(to_string(from)) +
                   "; only a held message can become " + std::string(to_string(to)));
}

std::string hold_reason(const HeldMessage& m) {
  std::string out;
  for (const std::string& c : m.codes) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

}  // namespace galguard::quarantine
