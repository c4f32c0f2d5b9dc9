// Word boundaries and case folding over UTF-8 text, without allocating: the detectors look at
// every byte of every message. Internal to rules/detectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include "rules/text/ascii.hpp"

namespace galguard::rules::detail {

struct CodePoint {
  std::int32_t value;  // negative for a malformed sequence
  std::size_t size;    // bytes taken, at least 1
};

CodePoint decode_at(std::string_view text, std::size_t pos);

// Letters and digits of any script make words; everything else separates them.
bool is_word_char(std::int32_t c);

inline bool word_char_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) return is_word_char(byte);
  return is_word_char(decode_at(text, pos).value);
}

bool word_char_before(std::string_view text, std::size_t pos);

// Case-folds text into out (ICU simple folding). Returns the folded length, or 0 when it does not
// fit.
std::size_t fold_into(std::string_view text, char* out, std::size_t capacity);

}  // namespace galguard::rules::detail
