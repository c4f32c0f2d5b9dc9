#include "rules/text/fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <array>
#include <cassert>
#include <optional>

namespace galguard::rules::detail {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    assert(U_SUCCESS(status) && n != nullptr);
    return n;
  }();
  return *instance;
}

// uspoof_getSkeleton is thread-safe on a checker that is never modified after creation.
const USpoofChecker* spoof_checker() {
  static const USpoofChecker* checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* c = uspoof_open(&status);
    assert(U_SUCCESS(status));
    return c;
  }();
  return checker;
}

icu::UnicodeString from_utf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string icu_fold(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in = from_utf8(text);
  icu::UnicodeString out = nfkc_casefold().normalize(in, status);
  return to_utf8(U_SUCCESS(status) ? out : in);
}

// UTS #39 skeleton of the text as it is (NFD, prototypes, NFD); `in` itself when ICU fails.
icu::UnicodeString icu_raw_skeleton(const icu::UnicodeString& in) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString skel;
  uspoof_getSkeletonUnicodeString(spoof_checker(), 0, in, skel, &status);
  return U_SUCCESS(status) ? skel : in;
}

std::string icu_skeleton(std::string_view folded) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString skel = icu_raw_skeleton(from_utf8(folded));
  // ICU's prototypes are not all lower case ("0" becomes "O"): fold once more.
  icu::UnicodeString refolded = nfkc_casefold().normalize(skel, status);
  return to_utf8(U_SUCCESS(status) ? refolded : skel);
}

std::string icu_skeleton_as_written(std::string_view text) {
  return to_utf8(icu_raw_skeleton(from_utf8(text)));
}

// Latin text (below U+0250, no combining marks) folds and skeletonises code point by code
// point: NFKC case folding and TR39 skeletons are per-character mappings there, and no two
// results compose across a boundary. Tables of ICU's own answers make the common case a
// lookup; anything else goes through ICU whole. tests/unit/text checks both paths agree.
constexpr char32_t kTableLimit = 0x250;

struct LatinTables {
  std::array<std::string, kTableLimit> fold;
  std::array<std::string, kTableLimit> skeleton;        // of the folded code point
  std::array<std::string, kTableLimit> cased_skeleton;  // of the code point as written, unfolded
  std::array<bool, kTableLimit> usable{};
  // The same for ASCII where the answer is one ASCII byte (nearly always): no string append.
  std::array<char, 0x80> ascii_fold{};
  std::array<char, 0x80> ascii_skeleton{};
  std::array<char, 0x80> ascii_cased_skeleton{};
};

const LatinTables& latin_tables() {
  static const LatinTables tables = [] {
    LatinTables t;
    for (char32_t cp = 0; cp < kTableLimit; ++cp) {
      // Combining marks compose with their neighbours: those strings go through ICU.
      auto category = u_charType(static_cast<UChar32>(cp));
      if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
          category == U_COMBINING_SPACING_MARK || (cp >= 0xD800 && cp < 0xE000))
        continue;
      std::string one = to_utf8(icu::UnicodeString(static_cast<UChar32>(cp)));
      t.fold[cp] = icu_fold(one);
      t.skeleton[cp] = icu_skeleton(t.fold[cp]);
      t.cased_skeleton[cp] = icu_skeleton_as_written(one);
      t.usable[cp] = true;
      if (cp < 0x80) {
        auto single = [](const std::string& m) {
          return m.size() == 1 && static_cast<unsigned char>(m[0]) < 0x80 ? m[0] : '\0';
        };
        t.ascii_fold[cp] = single(t.fold[cp]);
        t.ascii_skeleton[cp] = single(t.skeleton[cp]);
        t.ascii_cased_skeleton[cp] = single(t.cased_skeleton[cp]);
      }
    }
    return t;
  }();
  return tables;
}

}  // namespace

UChar32 next_code_point(std::string_view s, int32_t& i) {
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c;
}

namespace {

// Maps each code point through a Latin table; nullopt when a code point is not in it.
std::optional<std::string> map_latin(std::string_view text,
                                     const std::array<std::string, kTableLimit>& table,
                                     const std::array<char, 0x80>& ascii) {
  const LatinTables& t = latin_tables();
  // Most names map byte for byte (ASCII to ASCII): written in place until one does not.
  std::string out(text.size(), '\0');
  std::size_t same = 0;
  char* to = out.data();
  for (; same < text.size(); ++same) {
    const auto c = static_cast<unsigned char>(text[same]);
    if (c >= 0x80 || ascii[c] == '\0') break;
    to[same] = ascii[c];
  }
  if (same == text.size()) return out;
  out.resize(same);
  for (auto i = static_cast<int32_t>(same); i < static_cast<int32_t>(text.size());) {
    auto c = static_cast<unsigned char>(text[static_cast<size_t>(i)]);
    if (c < 0x80 && ascii[c] != '\0') {
      out.push_back(ascii[c]);
      ++i;
      continue;
    }
    if (c < 0x80 && t.usable[c]) {  // the ASCII loop without decoding
      out += table[c];
      ++i;
      continue;
    }
    UChar32 cp = next_code_point(text, i);
    if (cp < 0 || static_cast<char32_t>(cp) >= kTableLimit || !t.usable[cp]) return std::nullopt;
    out += table[cp];
  }
  return out;
}

}  // namespace

std::string fold(std::string_view text) {
  const LatinTables& t = latin_tables();
  if (auto fast = map_latin(text, t.fold, t.ascii_fold)) return std::move(*fast);
  return icu_fold(text);
}

std::string skeleton_of_folded(std::string_view folded) {
  const LatinTables& t = latin_tables();
  if (auto fast = map_latin(folded, t.skeleton, t.ascii_skeleton)) return std::move(*fast);
  return icu_skeleton(folded);
}

std::string skeleton_as_written(std::string_view text) {
  const LatinTables& t = latin_tables();
  if (auto fast = map_latin(text, t.cased_skeleton, t.ascii_cased_skeleton))
    return std::move(*fast);
  return icu_skeleton_as_written(text);
}

// For tests: the ICU-only answers the Latin tables must agree with.
std::string icu_fold_for_test(std::string_view text) {
  return icu_fold(text);
}
std::string icu_skeleton_for_test(std::string_view folded) {
  return icu_skeleton(folded);
}
std::string icu_skeleton_as_written_for_test(std::string_view text) {
  return icu_skeleton_as_written(text);
}

}  // namespace galguard::rules::detail
