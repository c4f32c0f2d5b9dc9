#include "extract/formats/numeric_cells.hpp"

#include <algorithm>
#include <functional>

namespace galguard::extract::detail {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Exponents beyond this cannot make a 9- or 10-digit integer of any mantissa a cell holds, and
// capping keeps the arithmetic from overflowing on "1E99999999999999999999".
constexpr std::int64_t kExponentCap = 1'000'000;

}  // namespace

std::optional<std::string> identity_like_integer(std::string_view value) {
  std::size_t i = 0;
  std::string digits;  // the mantissa's digits, its decimal point left out
  while (i < value.size() && is_digit(value[i]))
    digits += value[i++];
  std::int64_t point = static_cast<std::int64_t>(digits.size());  // digits before the point
  if (i < value.size() && value[i] == '.') {
    ++i;
    while (i < value.size() && is_digit(value[i]))
      digits += value[i++];
  }
  if (digits.empty()) return std::nullopt;
  if (i < value.size() && (value[i] == 'E' || value[i] == 'e')) {
    ++i;
    bool negative = false;
    if (i < value.size() && (value[i] == '+' || value[i] == '-')) negative = value[i++] == '-';
    const std::size_t first = i;
    std::int64_t exponent = 0;
    for (; i < value.size() && is_digit(value[i]); ++i)
      exponent = std::min(kExponentCap, exponent * 10 + (value[i] - '0'));
    if (i == first) return std::nullopt;
    point += negative ? -exponent : exponent;
  }
  if (i != value.size()) return std::nullopt;

  const std::size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) return std::nullopt;  // zero
  digits.erase(0, lead);
  point -= static_cast<std::int64_t>(lead);
  if (point != 9 && point != 10) return std::nullopt;
  const auto length = static_cast<std::size_t>(point);
  if (digits.size() > length) {
    if (digits.find_first_not_of('0', length) != std::string::npos) return std::nullopt;
    digits.resize(length);
  }
  digits.append(length - digits.size(), '0');
  return digits;
}

std::size_t NumericColumns::Hash::operator()(const Key& key) const {
  return std::hash<std::uint64_t>{}(key.table * 0x9E3779B97F4A7C15ULL ^ key.column);
}

void NumericColumns::count(std::uint64_t table, std::uint64_t column, std::string_view value) {
  Counts& counts = columns_[{table, column}];
  ++counts.numeric;
  if (identity_like_integer(value)) ++counts.identity_like;
}

bool NumericColumns::holds_identity_numbers(std::uint64_t table, std::uint64_t column) const {
  const auto it = columns_.find({table, column});
  if (it == columns_.end()) return false;
  const Counts& counts = it->second;
  return counts.identity_like >= 1 && counts.identity_like * 2 >= counts.numeric;
}

void restored_identity_numbers(std::string_view value, std::string_view shown,
                               std::vector<std::string>& tokens) {
  const std::optional<std::string> integer = identity_like_integer(value);
  if (!integer) return;
  const auto add = [&](std::size_t width) {
    std::string token(width - integer->size(), '0');
    token += *integer;
    if (token != shown) tokens.push_back(std::move(token));
  };
  add(10);
  if (integer->size() == 10) add(11);
}

}  // namespace galguard::extract::detail
