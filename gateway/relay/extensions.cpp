#include "gateway/relay/extensions.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace galguard::relay {
namespace {

std::string upper(std::string_view text) {
  std::string out{text};
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t start = text.find_first_not_of(" \t", at);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(text.find_first_of(" \t", start), text.size());
    out.emplace_back(text.substr(start, end - start));
    at = end;
  }
  return out;
}

}  // namespace

Extensions parse_ehlo(const smtp::Reply& reply) {
  Extensions out;
  out.esmtp = true;
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    std::vector<std::string> line = words(reply.lines[i]);
    if (line.empty()) continue;
    const std::string keyword = upper(line.front());
    if (keyword == "PIPELINING") {
      out.pipelining = true;
    } else if (keyword == "8BITMIME") {
      out.eight_bit_mime = true;
    } else if (keyword == "SMTPUTF8") {
      out.smtputf8 = true;
    } else if (keyword == "ENHANCEDSTATUSCODES") {
      out.enhanced_status_codes = true;
    } else if (keyword == "SIZE") {
      std::uint64_t limit = 0;
      if (line.size() > 1) {
        const std::string& value = line[1];
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), limit);
        if (error != std::errc{} || end != value.data() + value.size()) limit = 0;
      }
      out.size = limit;
    } else if (keyword == "XFORWARD") {
      out.xforward = true;
      for (std::size_t w = 1; w < line.size(); ++w)
        out.xforward_attributes.push_back(upper(line[w]));
    }
  }
  return out;
}

}  // namespace galguard::relay
