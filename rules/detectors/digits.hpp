// Byte-level helpers shared by the identity-number validators: ASCII digits and calendar dates.
// Internal to rules/detectors.
#pragma once

#include <cstdint>
#include <string_view>

#include "rules/detectors/civil_date.hpp"

namespace galguard::rules::detail {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

constexpr bool all_digits(std::string_view text) {
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return !text.empty();
}

// Value of a run of ASCII digits the caller has already checked.
constexpr std::uint64_t digits_value(std::string_view digits) {
  std::uint64_t value = 0;
  for (char c : digits)
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

constexpr int two_digits(std::string_view text, std::size_t at) {
  return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

constexpr bool leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr bool valid_date(int year, int month, int day) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int last = kDays[month - 1] + (month == 2 && leap_year(year) ? 1 : 0);
  return day <= last;
}

// A birth date: a day of the calendar, and not after today.
constexpr bool valid_birth_date(int year, int month, int day, CivilDate today) {
  return valid_date(year, month, day) && CivilDate{year, month, day} <= today;
}

}  // namespace galguard::rules::detail
