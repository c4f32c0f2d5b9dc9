// The store takes every time as Unix seconds and has no clock of its own (store.hpp); this is
// the one clock its callers (the gateway, the quarantine commands) read it from.
#pragma once

#include <chrono>
#include <cstdint>

namespace galguard::quarantine {

inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace galguard::quarantine
