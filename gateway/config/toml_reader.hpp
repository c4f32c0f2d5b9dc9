// Typed reads from a parsed TOML document, each failing with rules::InputError("FILE:LINE",
// "[section] key ...: what is wrong, what is expected"), as rules/policy/parse_policy.cpp does
// for the policy. `what` is the setting's name as the user wrote it, e.g. "[smtp] max_line".
#pragma once

#include <toml++/toml.h>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/net/endpoint.hpp"
#include "rules/policy/toml_words.hpp"

namespace galguard::config {

// A TOML basic string, quoted and escaped: for to_toml, and to echo a value in an error
// message on one line whatever it holds.
std::string toml_string(std::string_view text);

template <typename T>
struct Bounds {
  T min;
  T max;
  std::string_view why = {};  // said when the value is below min, e.g. the RFC that sets it
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(file.empty() ? "config" : std::move(file)) {}

  const std::string& file() const { return file_; }
  // "FILE:LINE", or FILE when toml++ knows no line.
  std::string place(const toml::source_region& where) const;
  [[noreturn]] void fail(const toml::source_region& where, const std::string& message) const;

  // Unknown keys are errors: a typo must not silently leave a setting at its default.
  void check_keys(const toml::table& table, std::span<const std::string_view> known,
                  std::string_view where) const;

  const toml::table& table(const toml::node& node, std::string_view what) const;
  std::string string(const toml::node& node, std::string_view what) const;
  // A string that must not be empty (paths, names).
  std::string non_empty(const toml::node& node, std::string_view what) const;
  // An array of non-empty strings, or one string for a list of one. An empty array only where
  // "none" means something (no trusted proxies), never for the directory's sources.
  enum class Empty { refused, allowed };
  std::vector<std::string> strings(const toml::node& node, std::string_view what,
                                   Empty empty = Empty::refused) const;
  bool boolean(const toml::node& node, std::string_view what) const;
  std::int64_t integer(const toml::node& node, std::string_view what,
                       Bounds<std::int64_t> bounds) const;
  // An integer (seconds) or a string for parse_duration.
  std::chrono::milliseconds duration(const toml::node& node, std::string_view what,
                                     Bounds<std::chrono::milliseconds> bounds) const;
  // An integer (bytes) or a string for parse_size.
  std::uint64_t size(const toml::node& node, std::string_view what,
                     Bounds<std::uint64_t> bounds) const;
  net::Endpoint endpoint(const toml::node& node, std::string_view what) const;
  // An array of endpoints (none twice; at least one unless `empty` allows none), or one string.
  std::vector<net::Endpoint> endpoints(const toml::node& node, std::string_view what,
                                       Empty empty = Empty::refused) const;
  // One of `choices`, exactly as written there.
  std::string choice(const toml::node& node, std::string_view what,
                     std::span<const std::string_view> choices) const;

 private:
  net::Endpoint endpoint_item(const toml::node& node, std::string_view what) const;

  std::string file_;
};

}  // namespace galguard::config
