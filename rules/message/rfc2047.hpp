// RFC 2047 encoded words, decoded as tolerantly as mainstream mail clients do (Thunderbird,
// Outlook, the WHATWG Encoding Standard): base64 without padding or with stray characters,
// a multi-byte character split over two adjacent words, iso-8859-1 and us-ascii read as
// windows-1252, bytes not valid in the charset replaced with U+FFFD, and never cut short at
// the first bad byte. GMime's own decoder stops at a bad base64 character or a missing '=',
// which drops the end of a display name; so every encoded word GMime is shown is first
// rewritten here into one canonical, padded UTF-8 word that it decodes exactly.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/message/address_syntax.hpp"

namespace galguard::rules {

// `bytes` in the charset `label` as valid UTF-8, the way a client reads them (see above); an
// unknown charset is read as UTF-8 when the bytes are, else as windows-1252. NUL becomes
// U+FFFD: GMime and every C API after it would stop there.
std::string charset_to_utf8(std::string_view bytes, std::string_view label);

// Header text as a sequence of parts: runs of adjacent encoded words (only white space
// between them, which RFC 2047 §6.2 drops) decoded to valid UTF-8, and the text between them
// as written (possibly raw 8-bit).
struct HeaderTextPart {
  bool encoded = false;
  std::string text;
};
std::vector<HeaderTextPart> split_encoded_words(std::string_view text);

// `value` with every run of encoded words that lies inside one of `ranges` replaced by a
// single "=?utf-8?b?...?=" word of the same text (ranges may overlap). Encoded words outside
// the ranges (in an addr-spec) are left as written: they are part of an address.
std::string canonical_encoded_words(std::string_view value, std::span<const ByteRange> ranges);

}  // namespace galguard::rules
