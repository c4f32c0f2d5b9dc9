#include "gateway/quarantine/unix_time.hpp"

#include <fmt/format.h>

#include <charconv>
#include <ctime>

namespace galguard::quarantine {
namespace {

// Digits at text[at, at+n) as a number; nullopt when any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return std::nullopt;
  int value = 0;
  const char* first = text.data() + at;
  const auto [end, error] = std::from_chars(first, first + n, value);
  if (error != std::errc{} || end != first + n) return std::nullopt;
  return value;
}

}  // namespace

std::string iso_time(std::int64_t unix_seconds) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return fmt::format("@{}", unix_seconds);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::optional<std::int64_t> parse_iso_time(std::string_view text) {
  if (text.size() != 10 && text.size() != 20) return std::nullopt;
  const auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  if (text.size() == 20) {
    const auto h = digits(text, 11, 2), m = digits(text, 14, 2), s = digits(text, 17, 2);
    if (!h || !m || !s || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
      return std::nullopt;
    tm.tm_hour = *h, tm.tm_min = *m, tm.tm_sec = *s;
  }
  const std::tm asked = tm;
  const std::time_t t = timegm(&tm);
  // timegm normalises 2025-02-30 to March: such a date was not a date.
  if (t == -1 || tm.tm_mday != asked.tm_mday || tm.tm_mon != asked.tm_mon ||
      tm.tm_hour != asked.tm_hour || tm.tm_min != asked.tm_min || tm.tm_sec != asked.tm_sec)
    return std::nullopt;
  return static_cast<std::int64_t>(t);
}

}  // namespace galguard::quarantine
