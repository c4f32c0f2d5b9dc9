// The store takes every time as Unix seconds and has no clock of its own (store.hpp); this is
// the one clock its callers (the gateway, the quarantine commands, the review UI) read it from,
// and the one way those times are written and read as text.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace galguard::quarantine {

inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// 2025-11-25T14:03:00Z
std::string iso_time(std::int64_t unix_seconds);
// What iso_time writes, or a date alone ("2025-11-25" = its midnight UTC); nullopt otherwise.
std::optional<std::int64_t> parse_iso_time(std::string_view text);

}  // namespace galguard::quarantine
