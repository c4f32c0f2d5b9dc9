// Quarantine ids are random, not sequential, so an id in a notice or URL reveals nothing about
// how much mail was held and cannot be guessed.
#pragma once

#include <string>

namespace galguard::quarantine {

// 16 lowercase hex characters (64 random bits from libsodium).
std::string new_message_id();

}  // namespace galguard::quarantine
