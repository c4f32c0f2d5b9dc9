// The Latin fast path (per-code-point tables) must give exactly ICU's answers.
#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <random>

#include "rules/text/fold.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::detail {
// Defined in rules/text/fold.cpp for this test: ICU's own answers.
std::string icu_fold_for_test(std::string_view text);
std::string icu_skeleton_for_test(std::string_view folded);
std::string icu_skeleton_as_written_for_test(std::string_view text);
}  // namespace galguard::rules::detail

namespace galguard::rules {
namespace {

std::string utf8(char32_t cp) {
  std::string out;
  icu::UnicodeString(static_cast<UChar32>(cp)).toUTF8String(out);
  return out;
}

void expect_same_as_icu(const std::string& text) {
  EXPECT_EQ(detail::fold(text), detail::icu_fold_for_test(text)) << text;
  EXPECT_EQ(skeleton(text), detail::icu_skeleton_for_test(detail::icu_fold_for_test(text))) << text;
  EXPECT_EQ(detail::skeleton_as_written(text), detail::icu_skeleton_as_written_for_test(text))
      << text;
}

TEST(LatinTables, EveryCodePointAloneAndInContext) {
  for (char32_t cp = 1; cp < 0x300; ++cp) {
    expect_same_as_icu(utf8(cp));
    expect_same_as_icu("a" + utf8(cp) + "b");
  }
}

TEST(LatinTables, RandomStringsWithCombiningMarksAndOtherScripts) {
  // Latin letters, Swedish/Danish/Norwegian letters, combining marks, Cyrillic, Greek, digits.
  const std::vector<char32_t> alphabet = {
      'a',   'e',   'i',    'l',    'm',    'n',  'o',   'r',   's',   'A',    'I',   'O',
      '0',   '1',   ' ',    ',',    '-',    0xE5, 0xE4,  0xF6,  0xC5,  0xC4,   0xD6,  0xE6,
      0xF8,  0xDF,  0x130,  0x131,  0x17F,  0xAD, 0x300, 0x301, 0x308, 0x30A,  0x435, 0x430,
      0x43E, 0x3BF, 0xFF21, 0x2019, 0x200B, 'L',  'T',   '_',   '/',   0x202E, 0x3164};
  std::mt19937 random(42);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(1, 12);
  for (int n = 0; n < 5000; ++n) {
    std::string text;
    for (int k = length(random); k > 0; --k)
      text += utf8(alphabet[pick(random)]);
    expect_same_as_icu(text);
  }
}

TEST(NameForms, AgreeWithTheSingleFunctions) {
  for (const char* name : {"Andersson, Anna", "Servic\u0435 Desk 33900", "  \"Åsa Öberg\" ",
                           "ＳＥＲＶＩＣＥ", "N0rdhavn Skole", ""}) {
    NameForms f = name_forms(name);
    EXPECT_EQ(f.normalized, normalize(name));
    EXPECT_EQ(f.key, name_key(name));
    EXPECT_EQ(f.skeleton_key, skeleton_key(name));
    EXPECT_EQ(f.skeleton, skeleton(normalize(name)));
    EXPECT_EQ(f.tokens, name_tokens(name));
  }
}

}  // namespace
}  // namespace galguard::rules
