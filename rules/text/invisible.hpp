// Characters a reader cannot see, and the order a reader sees: what hides a name's real spelling.
// Names are compared without them (normalize.hpp), and a name that holds them gets its own
// finding (name-hidden-characters).
#pragma once

#include <unicode/umachine.h>

#include <string>
#include <string_view>
#include <vector>

namespace galguard::rules {

// Explicit bidi controls (LRM, RLM, ALM, LRE…PDF, LRI…PDI): they reorder what follows them.
bool is_bidi_control(UChar32 c);

// Characters that draw as an empty space of some width but are not white space to Unicode
// (U+2800 braille blank, the Hangul fillers U+115F, U+1160, U+3164, U+FFA0).
bool is_blank_lookalike(UChar32 c);

// The name without what a reader cannot see: default-ignorable code points (zero-width
// characters, soft hyphen, bidi controls, variation selectors, tag characters…) removed, the
// blank look-alikes turned into a space. Invalid UTF-8 bytes are kept as they are.
std::string strip_invisible(std::string_view text);
// The same without a copy where there is nothing to take out (ASCII): `text` itself, or the
// stripped text kept in `storage`.
std::string_view strip_invisible(std::string_view text, std::string& storage);

// What a display name hides, for name-hidden-characters. Uses that are part of ordinary
// writing are not counted: a zero-width (non-)joiner inside a word of a script that joins its
// letters, a variation selector or zero-width joiner inside an emoji or after an ideograph, tag
// characters of a flag emoji.
struct HiddenCharacters {
  bool bidi_controls = false;        // the name may display in another order than stored
  std::vector<UChar32> code_points;  // every hidden code point, in order
  bool empty() const { return code_points.empty(); }
};
HiddenCharacters hidden_characters(std::string_view text);

// The name in the order a reader sees it when it holds bidi controls, with the controls
// removed; "" when it holds none or reads the same as stored without them. The paragraph is
// laid out left to right, as a mail client's address line is.
std::string displayed_order(std::string_view text);

}  // namespace galguard::rules
