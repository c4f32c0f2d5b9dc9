// Range retrieval: parsing "type;range=A-B" and the fetch loop.
#include "directory/ldap/range_retrieval.hpp"

#include <charconv>
#include <stdexcept>

#include "rules/text/ascii.hpp"

namespace galguard::directory::ldap {
namespace {

std::optional<std::size_t> number(std::string_view s) {
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

}  // namespace

std::optional<AttributeDescription> parse_attribute_description(std::string_view description) {
  AttributeDescription out;
  const std::size_t semicolon = description.find(';');
  out.type = std::string(description.substr(0, semicolon));
  std::string_view options = semicolon == description.npos ? "" : description.substr(semicolon + 1);
  while (!options.empty()) {
    const std::size_t next = options.find(';');
    const std::string_view option = options.substr(0, next);
    options = next == options.npos ? "" : options.substr(next + 1);
    if (!rules::ascii_iequals(option.substr(0, 6), "range=")) continue;
    const std::string_view range = option.substr(6);
    const std::size_t dash = range.find('-');
    if (dash == range.npos) return std::nullopt;
    out.first = number(range.substr(0, dash));
    if (!out.first) return std::nullopt;
    if (range.substr(dash + 1) != "*") {
      out.last = number(range.substr(dash + 1));
      if (!out.last || *out.last < *out.first) return std::nullopt;
    }
  }
  return out;
}

std::string next_range_request(const AttributeDescription& got) {
  return got.type + ";range=" + std::to_string(got.last.value_or(0) + 1) + "-*";
}

std::vector<std::string> fetch_remaining_values(const AttributeDescription& got,
                                                const RangeFetch& fetch) {
  std::vector<std::string> values;
  AttributeDescription current = got;
  while (current.ranged() && current.last) {
    const std::string request = next_range_request(current);
    RangeChunk chunk = fetch(request);
    const auto next = parse_attribute_description(chunk.description);
    if (chunk.description.empty() || !next || !next->ranged())
      throw std::runtime_error("range retrieval of " + got.type + " stopped: no answer to " +
                               request);
    if (*next->first != *current.last + 1)
      throw std::runtime_error("range retrieval of " + got.type + " answered " + chunk.description +
                               " to " + request);
    values.insert(values.end(), std::make_move_iterator(chunk.values.begin()),
                  std::make_move_iterator(chunk.values.end()));
    current = *next;
  }
  return values;
}

}  // namespace galguard::directory::ldap
