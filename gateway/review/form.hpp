// application/x-www-form-urlencoded bodies and query strings: what every POST and every filter
// of the review UI arrives as. Untrusted: limits on size and number of fields, UTF-8 only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace galguard::review {

inline constexpr std::size_t kMaxFormBytes = 256 * 1024;
inline constexpr std::size_t kMaxFormFields = 100;

class Form {
 public:
  // The first value of `name`; "" when absent.
  std::string get(std::string_view name) const;
  bool has(std::string_view name) const;
  std::vector<std::pair<std::string, std::string>> fields;
};

// "a=1&b=x%20y+z": '+' is a space, %XX a byte. nullopt for a bad escape, text that is not
// UTF-8 after decoding, more than kMaxFormFields fields or more than kMaxFormBytes.
std::optional<Form> parse_form(std::string_view text);

// Percent-decoding alone ('+' stays '+'), for path segments. nullopt for a bad escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);
// For building links: everything but unreserved characters (RFC 3986 §2.3) as %XX.
std::string percent_encode(std::string_view text);

}  // namespace galguard::review
