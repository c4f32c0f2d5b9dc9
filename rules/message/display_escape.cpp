// escape_for_display: what an unreadable header looks like in a finding. The raw bytes are
// the evidence, so nothing is dropped silently; but they come from the sender of the message
// and are shown in a terminal, a log line and the review UI, where a control character, a bidi
// override or a zero-width character could rewrite what the reader sees.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>

#include "rules/message/message_view.hpp"

namespace galguard::rules {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void append_byte_escape(std::string& out, unsigned char byte) {
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xF];
}

void append_code_point_escape(std::string& out, UChar32 cp) {
  std::string digits;
  for (auto value = static_cast<std::uint32_t>(cp); value != 0 || digits.size() < 4; value >>= 4)
    digits.insert(digits.begin(), kHex[value & 0xF]);
  out += "\\u{" + digits + "}";
}

bool hides_or_moves_text(UChar32 cp) {
  const auto type = static_cast<UCharCategory>(u_charType(cp));
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR ||
         type == U_PARAGRAPH_SEPARATOR ||
         u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
         cp == 0x2800;  // braille blank: looks like a space, is not one
}

}  // namespace

std::string escape_for_display(std::string_view raw, std::size_t max_bytes) {
  std::size_t kept = raw.size() > max_bytes ? max_bytes : raw.size();
  while (kept > 0 && kept < raw.size() && (static_cast<unsigned char>(raw[kept]) & 0xC0) == 0x80)
    --kept;  // cut before a character, not inside one
  std::string out;
  out.reserve(kept + 16);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(raw.data());
  const auto length = static_cast<int32_t>(kept);
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 cp = 0;
    U8_NEXT(bytes, i, length, cp);
    if (cp < 0) {
      for (int32_t b = start; b < i; ++b)
        append_byte_escape(out, bytes[b]);
    } else if (cp < 0x20 || cp == 0x7F) {
      append_byte_escape(out, static_cast<unsigned char>(cp));
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp >= 0x80 && hides_or_moves_text(cp)) {
      append_code_point_escape(out, cp);
    } else {
      out.append(raw.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  if (kept < raw.size()) out += " … (" + std::to_string(raw.size() - kept) + " more bytes)";
  return out;
}

}  // namespace galguard::rules
