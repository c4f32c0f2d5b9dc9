// A calendar day without a time of day or a time zone: "today" as the identity-number detectors
// need it, to refuse a birth date that has not happened yet. rules/ has no clock; the caller
// passes the date.
#pragma once

#include <compare>

namespace galguard::rules {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1 to 12
  int day = 0;    // 1 to 31

  friend constexpr auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// Later than every birth date: with it, no number is refused for a birth date in the future.
inline constexpr CivilDate kNoFutureCheck{9999, 12, 31};

}  // namespace galguard::rules
