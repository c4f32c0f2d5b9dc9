// The state machine of a held message, in one place so every backend refuses the same things.
#pragma once

#include <string>

#include "gateway/quarantine/store.hpp"

namespace galguard::quarantine {

// Throws StateError unless from → to is held → released | deleted | expired.
void check_transition(const std::string& id, State from, State to);

// "held" log row reason: the codes, never message content or personal data.
std::string hold_reason(const HeldMessage& m);

}  // namespace galguard::quarantine
