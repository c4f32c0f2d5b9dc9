#include "rules/detectors/text_scan.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace galguard::rules::detail {

CodePoint decode_at(std::string_view text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) return {byte, 1};
  std::int32_t i = static_cast<std::int32_t>(pos);
  const auto length = static_cast<std::int32_t>(text.size());
  UChar32 c = 0;
  U8_NEXT(text.data(), i, length, c);
  return {c, static_cast<std::size_t>(i) - pos};
}

bool is_word_char(std::int32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  // Combining marks belong to the letter before them (decomposed å in NFD text).
  return c > 0 && (u_isalnum(c) || u_getCombiningClass(c) != 0);
}

bool word_char_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  const auto byte = static_cast<unsigned char>(text[pos - 1]);
  if (byte < 0x80) return is_word_char(byte);
  std::int32_t i = static_cast<std::int32_t>(pos);
  UChar32 c = 0;
  U8_PREV(text.data(), 0, i, c);
  return is_word_char(c);
}

std::size_t fold_into(std::string_view text, char* out, std::size_t capacity) {
  std::size_t length = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      if (length == capacity) return 0;
      out[length++] = ascii_lower(static_cast<char>(byte));
      ++pos;
      continue;
    }
    const CodePoint cp = decode_at(text, pos);
    pos += cp.size;
    if (cp.value < 0) return 0;
    const UChar32 folded = u_foldCase(cp.value, U_FOLD_CASE_DEFAULT);
    if (length + static_cast<std::size_t>(U8_LENGTH(folded)) > capacity) return 0;
    std::int32_t at = static_cast<std::int32_t>(length);
    U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(out), at, folded);
    length = static_cast<std::size_t>(at);
  }
  return length;
}

}  // namespace galguard::rules::detail
