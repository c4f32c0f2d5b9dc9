// The store takes every time as Unix seconds and has no clock of its own (store.hpp); this is
// the one clock its callers (the gateway, the quarantine commands, the review UI) read it from,
// and the one way those times are written and read as text.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "rules/detectors/civil_date.hpp"

namespace galguard::quarantine {

inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Today in the machine's time zone: the identity-number detectors refuse birth dates after it.
inline rules::CivilDate civil_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

// 2025-11-25T14:03:00Z
std::string iso_time(std::int64_t unix_seconds);
// What iso_time writes, or a date alone ("2025-11-25" = its midnight UTC); nullopt otherwise.
std::optional<std::int64_t> parse_iso_time(std::string_view text);

}  // namespace galguard::quarantine
