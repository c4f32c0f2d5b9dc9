// ASCII-only case handling, for protocol and file-format keywords (header names, LDIF
// attribute types, CSV columns, "TRUE"). Names and addresses go through normalize.hpp instead.
#pragma once

#include <string>
#include <string_view>

namespace galguard::rules {

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = ascii_lower(c);
  return out;
}

// White space (space, tab, CR, LF, FF, VT) off both ends.
constexpr std::string_view ascii_trim(std::string_view s) {
  constexpr std::string_view space = " \t\r\n\f\v";
  const auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace galguard::rules
