#include "gateway/config/toml_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "gateway/config/units.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::config {
namespace {

// The value as the user wrote it, for "[smtp] max_line = 512: ...".
std::string shown(const toml::node& node) {
  if (const auto* s = node.as_string()) return toml_string(s->get());
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  return std::string(rules::toml_type_name(node));
}

constexpr std::string_view kDurationSyntax =
    "expected a duration such as \"500ms\", \"30s\", \"5m\", \"1h\", \"1d\" or a whole number "
    "of seconds";
constexpr std::string_view kSizeSyntax =
    "expected a size in bytes such as 1048576, \"10K\", \"50M\" or \"1G\" (K = 1024)";

}  // namespace

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (byte < 0x20 || byte == 0x7f)
          out += fmt::format("\\u{:04X}", byte);
        else
          out += ch;
    }
  }
  return out + "\"";
}

std::string Reader::place(const toml::source_region& where) const {
  if (where.begin.line == 0) return file_;
  return fmt::format("{}:{}", file_, where.begin.line);
}

void Reader::fail(const toml::source_region& where, const std::string& message) const {
  throw rules::InputError(place(where), message);
}

void Reader::check_keys(const toml::table& table, std::span<const std::string_view> known,
                        std::string_view where) const {
  for (auto&& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    fail(key.source(),
         fmt::format("unknown key {} in {}{}; known keys: {}", toml_string(key.str()), where,
                     rules::did_you_mean(key.str(), known), fmt::join(known, ", ")));
  }
}

const toml::table& Reader::table(const toml::node& node, std::string_view what) const {
  if (const auto* t = node.as_table()) return *t;
  fail(node.source(),
       fmt::format("{}: expected a table, got {}", what, rules::toml_type_name(node)));
}

std::string Reader::string(const toml::node& node, std::string_view what) const {
  const auto* s = node.as_string();
  if (!s)
    fail(node.source(),
         fmt::format("{}: expected a string, got {}", what, rules::toml_type_name(node)));
  return s->get();
}

std::string Reader::non_empty(const toml::node& node, std::string_view what) const {
  std::string s = string(node, what);
  if (s.empty()) fail(node.source(), fmt::format("{}: must not be empty", what));
  return s;
}

std::vector<std::string> Reader::strings(const toml::node& node, std::string_view what,
                                         Empty empty) const {
  if (node.is_string()) return {non_empty(node, what)};
  const auto* array = node.as_array();
  if (!array)
    fail(node.source(), fmt::format("{}: expected a string or an array of strings, got {}", what,
                                    rules::toml_type_name(node)));
  if (array->empty() && empty == Empty::refused)
    fail(node.source(), fmt::format("{}: the list is empty", what));
  std::vector<std::string> out;
  for (const toml::node& item : *array)
    out.push_back(non_empty(item, fmt::format("{} item {}", what, out.size() + 1)));
  return out;
}

bool Reader::boolean(const toml::node& node, std::string_view what) const {
  const auto* b = node.as_boolean();
  if (!b)
    fail(node.source(),
         fmt::format("{}: expected true or false, got {}", what, rules::toml_type_name(node)));
  return b->get();
}

std::int64_t Reader::integer(const toml::node& node, std::string_view what,
                             Bounds<std::int64_t> bounds) const {
  const auto* i = node.as_integer();
  if (!i)
    fail(node.source(),
         fmt::format("{}: expected a whole number, got {}", what, rules::toml_type_name(node)));
  const std::int64_t value = i->get();
  if (value < bounds.min)
    fail(node.source(),
         fmt::format("{} = {}: must be at least {}{}", what, value, bounds.min,
                     bounds.why.empty() ? std::string{} : fmt::format(" ({})", bounds.why)));
  if (value > bounds.max)
    fail(node.source(), fmt::format("{} = {}: must be at most {}", what, value, bounds.max));
  return value;
}

std::chrono::milliseconds Reader::duration(const toml::node& node, std::string_view what,
                                           Bounds<std::chrono::milliseconds> bounds) const {
  std::optional<std::chrono::milliseconds> value;
  if (const auto* i = node.as_integer()) {
    // Whole seconds. A huge number is reported as out of range, not overflowed.
    constexpr std::int64_t kLargest = 1'000'000'000;
    if (i->get() >= 0) value = std::chrono::seconds(std::min(i->get(), kLargest));
  } else if (const auto* s = node.as_string()) {
    value = parse_duration(s->get());
  } else {
    fail(node.source(),
         fmt::format("{}: {}, got {}", what, kDurationSyntax, rules::toml_type_name(node)));
  }
  if (!value) fail(node.source(), fmt::format("{} = {}: {}", what, shown(node), kDurationSyntax));
  if (*value < bounds.min)
    fail(node.source(),
         fmt::format("{} = {}: must be at least {}{}", what, shown(node),
                     format_duration(bounds.min),
                     bounds.why.empty() ? std::string{} : fmt::format(" ({})", bounds.why)));
  if (*value > bounds.max)
    fail(node.source(), fmt::format("{} = {}: must be at most {}", what, shown(node),
                                    format_duration(bounds.max)));
  return *value;
}

std::uint64_t Reader::size(const toml::node& node, std::string_view what,
                           Bounds<std::uint64_t> bounds) const {
  std::optional<std::uint64_t> value;
  if (const auto* i = node.as_integer()) {
    if (i->get() >= 0) value = static_cast<std::uint64_t>(i->get());
  } else if (const auto* s = node.as_string()) {
    value = parse_size(s->get());
  } else {
    fail(node.source(),
         fmt::format("{}: {}, got {}", what, kSizeSyntax, rules::toml_type_name(node)));
  }
  if (!value) fail(node.source(), fmt::format("{} = {}: {}", what, shown(node), kSizeSyntax));
  if (*value < bounds.min)
    fail(node.source(),
         fmt::format("{} = {}: must be at least {}{}", what, shown(node), format_size(bounds.min),
                     bounds.why.empty() ? std::string{} : fmt::format(" ({})", bounds.why)));
  if (*value > bounds.max)
    fail(node.source(),
         fmt::format("{} = {}: must be at most {}", what, shown(node), format_size(bounds.max)));
  return *value;
}

net::Endpoint Reader::endpoint_item(const toml::node& node, std::string_view what) const {
  const std::string text = string(node, what);
  const auto endpoint = net::parse_endpoint(text);
  if (!endpoint)
    fail(node.source(),
         fmt::format("{} = {}: expected host:port with a port from 1 to 65535, such as "
                     "\"127.0.0.1:10025\" or \"[::1]:10025\"",
                     what, toml_string(text)));
  return *endpoint;
}

net::Endpoint Reader::endpoint(const toml::node& node, std::string_view what) const {
  return endpoint_item(node, what);
}

std::vector<net::Endpoint> Reader::endpoints(const toml::node& node, std::string_view what,
                                             Empty empty) const {
  if (node.is_string()) return {endpoint_item(node, what)};
  const auto* array = node.as_array();
  if (!array)
    fail(node.source(), fmt::format("{}: expected an array of \"host:port\" strings, got {}", what,
                                    rules::toml_type_name(node)));
  if (array->empty() && empty == Empty::refused)
    fail(node.source(), fmt::format("{}: the list is empty", what));
  std::vector<net::Endpoint> out;
  for (const toml::node& item : *array) {
    net::Endpoint e = endpoint_item(item, fmt::format("{} item {}", what, out.size() + 1));
    if (std::find(out.begin(), out.end(), e) != out.end())
      fail(item.source(), fmt::format("{}: {} is listed twice", what, e.text()));
    out.push_back(std::move(e));
  }
  return out;
}

std::string Reader::choice(const toml::node& node, std::string_view what,
                           std::span<const std::string_view> choices) const {
  const std::string text = string(node, what);
  if (std::find(choices.begin(), choices.end(), text) == choices.end())
    fail(node.source(), fmt::format("{} = {}: expected \"{}\"", what, toml_string(text),
                                    fmt::join(choices, "\" or \"")));
  return text;
}

}  // namespace galguard::config
