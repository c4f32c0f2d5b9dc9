// Byte order marks and UTF-16 → UTF-8. Windows PowerShell's Out-File and ldifde -u write UTF-16LE
// with a BOM; everything else here is UTF-8, sometimes with a BOM.
#include <cstdint>

#include "directory/files/mapping.hpp"
#include "rules/text/utf8.hpp"

namespace galguard::directory::files {
namespace {

// Unpaired surrogates and a dangling odd byte become U+FFFD, so the result is always valid UTF-8.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian) {
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  constexpr std::uint32_t replacement = 0xFFFD;
  std::string out;
  out.reserve(bytes.size() / 2 + bytes.size() / 8);
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 < bytes.size()) {
        const std::uint32_t low = unit(i + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          rules::append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
          i += 2;
          continue;
        }
      }
      u = replacement;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      u = replacement;
    }
    rules::append_utf8(out, u);
  }
  if (i < bytes.size()) rules::append_utf8(out, replacement);
  return out;
}

}  // namespace

std::string_view as_utf8(std::string_view bytes, std::string& storage) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return bytes.substr(3);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    storage = utf16_to_utf8(bytes.substr(2), bytes[0] == '\xFF');
    return storage;
  }
  return bytes;
}

}  // namespace galguard::directory::files
