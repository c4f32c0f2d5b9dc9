#include "gateway/config/units.hpp"

#include <array>
#include <charconv>
#include <limits>

#include "rules/text/ascii.hpp"

namespace galguard::config {
namespace {

struct Unit {
  std::string_view suffix;
  std::uint64_t factor;
};

// Largest first: format_* picks the first that divides exactly.
constexpr std::array<Unit, 5> kDurationUnits = {
    {{"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}, {"ms", 1}}};
constexpr std::array<Unit, 4> kSizeUnits = {
    {{"T", 1ull << 40}, {"G", 1ull << 30}, {"M", 1ull << 20}, {"K", 1ull << 10}}};

// The leading run of digits as a number; nullopt when there is none or it overflows.
std::optional<std::uint64_t> leading_number(std::string_view text, std::string_view& rest) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end == text.data()) return std::nullopt;
  rest = text.substr(static_cast<std::size_t>(end - text.data()));
  return value;
}

std::optional<std::uint64_t> times(std::uint64_t value, std::uint64_t factor, std::uint64_t max) {
  if (value > max / factor) return std::nullopt;
  return value * factor;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  std::string_view unit;
  const auto value = leading_number(text, unit);
  if (!value) return std::nullopt;
  const std::uint64_t factor = [&]() -> std::uint64_t {
    if (unit.empty()) return 1'000;  // a bare number is seconds, like an integer in the file
    for (const Unit& u : kDurationUnits)
      if (unit == u.suffix) return u.factor;
    return 0;
  }();
  if (factor == 0) return std::nullopt;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  const auto ms = times(*value, factor, kMax);
  if (!ms) return std::nullopt;
  return std::chrono::milliseconds(static_cast<std::int64_t>(*ms));
}

std::string format_duration(std::chrono::milliseconds duration) {
  if (duration.count() < 0) return std::to_string(duration.count()) + "ms";  // never configured
  if (duration.count() == 0) return "0s";
  const auto ms = static_cast<std::uint64_t>(duration.count());
  for (const Unit& u : kDurationUnits)
    if (ms % u.factor == 0) return std::to_string(ms / u.factor) + std::string(u.suffix);
  return std::to_string(ms) + "ms";
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  std::string_view unit;
  const auto value = leading_number(text, unit);
  if (!value) return std::nullopt;
  if (unit.empty()) return value;
  for (const Unit& u : kSizeUnits)
    if (rules::ascii_iequals(unit, u.suffix))
      return times(*value, u.factor, std::numeric_limits<std::uint64_t>::max());
  return std::nullopt;
}

std::string format_size(std::uint64_t bytes) {
  if (bytes == 0) return "0";
  for (const Unit& u : kSizeUnits)
    if (bytes % u.factor == 0) return std::to_string(bytes / u.factor) + std::string(u.suffix);
  return std::to_string(bytes);
}

}  // namespace galguard::config
