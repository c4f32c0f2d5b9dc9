#include "rules/policy/toml_words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace galguard::rules {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string did_you_mean(std::string_view key, std::span<const std::string_view> known) {
  std::string_view best;
  std::size_t best_distance = 3;  // only near misses: a typo, a missing 's', a z for an s
  for (std::string_view k : known) {
    const std::size_t d = edit_distance(key, k);
    if (d < best_distance) best = k, best_distance = d;
  }
  return best.empty() ? std::string{} : fmt::format(" (did you mean \"{}\"?)", best);
}

}  // namespace galguard::rules
