#include "rules/text/invisible.hpp"

#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "rules/text/utf8.hpp"

namespace galguard::rules {
namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::vector<UChar32> code_points(std::string_view text) {
  std::vector<UChar32> out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0) out.push_back(c);
  }
  return out;
}

bool is_default_ignorable(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

bool is_variation_selector(UChar32 c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x180B && c <= 0x180D) || c == 0x180F;
}

bool is_tag(UChar32 c) {
  return c >= 0xE0020 && c <= 0xE007F;
}

bool is_pictographic(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) != 0 ||
         u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) != 0;
}

bool is_letter_or_mark(UChar32 c) {
  return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// Scripts whose words need joiners (Arabic, Persian, the Indic scripts, …). Latin, Greek and
// Cyrillic never do; there a joiner only hides something.
bool writes_with_joiners(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (U_FAILURE(status)) return false;
  switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
    case USCRIPT_UNKNOWN:
      return false;
    default:
      return true;
  }
}

// A default-ignorable code point used the way ordinary writing uses it.
bool ordinary_use(const std::vector<UChar32>& cps, std::size_t i) {
  const UChar32 c = cps[i];
  const UChar32 prev = i > 0 ? cps[i - 1] : -1;
  const UChar32 next = i + 1 < cps.size() ? cps[i + 1] : -1;
  if (c == 0x200C || c == 0x200D) {  // zero-width non-joiner, joiner
    if (prev >= 0 && next >= 0 && is_letter_or_mark(prev) && is_letter_or_mark(next) &&
        writes_with_joiners(prev))
      return true;
    // An emoji sequence: 👩‍💻, also after a skin tone or a variation selector.
    return c == 0x200D && prev >= 0 && next >= 0 && is_pictographic(next) &&
           (is_pictographic(prev) || is_variation_selector(prev));
  }
  if (is_variation_selector(c)) {
    if (next == 0x20E3) return true;  // keycap: 1️⃣
    UErrorCode status = U_ZERO_ERROR;
    return prev >= 0x80 &&
           (is_pictographic(prev) || u_hasBinaryProperty(prev, UCHAR_IDEOGRAPHIC) != 0 ||
            uscript_getScript(prev, &status) == USCRIPT_MONGOLIAN);
  }
  if (is_tag(c)) {  // a subdivision flag: 🏴 then tag letters then CANCEL TAG
    std::size_t k = i;
    while (k > 0 && is_tag(cps[k - 1]))
      --k;
    return k > 0 && cps[k - 1] == 0x1F3F4;
  }
  return false;
}

}  // namespace

bool is_bidi_control(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL) != 0;
}

bool is_blank_lookalike(UChar32 c) {
  switch (c) {
    case 0x115F:  // HANGUL CHOSEONG FILLER
    case 0x1160:  // HANGUL JUNGSEONG FILLER
    case 0x2800:  // BRAILLE PATTERN BLANK
    case 0x3164:  // HANGUL FILLER
    case 0xFFA0:  // HALFWIDTH HANGUL FILLER
      return true;
    default:
      return false;
  }
}

std::string strip_invisible(std::string_view text) {
  if (is_ascii(text)) return std::string(text);  // nothing in ASCII is invisible
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && is_blank_lookalike(c)) {
      out += ' ';
    } else if (c < 0 || !is_default_ignorable(c)) {
      out.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

std::string_view strip_invisible(std::string_view text, std::string& storage) {
  if (is_ascii(text)) return text;
  storage = strip_invisible(text);
  return storage;
}

HiddenCharacters hidden_characters(std::string_view text) {
  HiddenCharacters out;
  if (is_ascii(text)) return out;
  const std::vector<UChar32> cps = code_points(text);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const UChar32 c = cps[i];
    if (is_bidi_control(c)) {
      out.bidi_controls = true;
    } else if (!is_blank_lookalike(c) && (!is_default_ignorable(c) || ordinary_use(cps, i))) {
      continue;
    }
    out.code_points.push_back(c);
  }
  return out;
}

std::string displayed_order(std::string_view text) {
  if (is_ascii(text)) return {};
  const std::vector<UChar32> cps = code_points(text);
  if (std::none_of(cps.begin(), cps.end(), is_bidi_control)) return {};
  std::u16string logical;
  for (UChar32 c : cps) {
    if (U_IS_BMP(c)) {
      logical += static_cast<char16_t>(c);
    } else {
      logical += static_cast<char16_t>(U16_LEAD(c));
      logical += static_cast<char16_t>(U16_TRAIL(c));
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UBiDi, decltype(&ubidi_close)> bidi(
      ubidi_openSized(static_cast<int32_t>(logical.size()), 0, &status), &ubidi_close);
  if (U_FAILURE(status)) return {};
  ubidi_setPara(bidi.get(), logical.data(), static_cast<int32_t>(logical.size()), UBIDI_LTR,
                nullptr, &status);
  std::u16string visual(logical.size() + 1, u'\0');
  int32_t length =
      ubidi_writeReordered(bidi.get(), visual.data(), static_cast<int32_t>(visual.size()),
                           UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &status);
  if (U_FAILURE(status)) return {};
  visual.resize(static_cast<std::size_t>(length));
  std::string out;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(visual.data(), i, length, c);
    append_utf8(out, static_cast<char32_t>(c));
  }
  std::string stored;
  for (UChar32 c : cps)
    if (!is_bidi_control(c)) append_utf8(stored, static_cast<char32_t>(c));
  return out == stored ? std::string{} : out;
}

}  // namespace galguard::rules
