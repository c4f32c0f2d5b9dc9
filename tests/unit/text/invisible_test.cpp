// What a reader cannot see in a name, the order a reader sees, and how names compare without
// them: zero-width and blank characters, bidi controls, punctuation between words, case.
#include "rules/text/invisible.hpp"

#include <gtest/gtest.h>

#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

struct Pair {
  const char* what;
  const char* got;
  const char* want;
};

TEST(StripInvisible, RemovesZeroWidthAndTurnsBlankFillersIntoSpaces) {
  const Pair cases[] = {
      {"plain ASCII untouched", "Service Desk 33900", "Service Desk 33900"},
      {"zero-width space", "Serv\u200Bice Desk", "Service Desk"},
      {"zero-width joiner and non-joiner", "Ser\u200Dvi\u200Cce", "Service"},
      {"word joiner", "Ser\u2060vice", "Service"},
      {"byte order mark", "\uFEFFService", "Service"},
      {"soft hyphen", "Ser\u00ADvice", "Service"},
      {"bidi controls", "\u202AService\u202C \u200EDesk\u200F", "Service Desk"},
      {"isolates", "\u2067Service\u2069 Desk", "Service Desk"},
      {"variation selector on a letter", "Se\uFE0Frvice", "Service"},
      {"tag characters", "Service\U000E0041\U000E007F", "Service"},
      {"combining grapheme joiner", "Servi\u034Fce", "Service"},
      {"Hangul filler is a space", "Service\u3164Desk", "Service Desk"},
      {"braille blank is a space", "Service\u2800Desk", "Service Desk"},
      {"Hangul choseong filler", "\u115FService", " Service"},
      {"halfwidth Hangul filler", "Service\uFFA0Desk", "Service Desk"},
      {"letters of other scripts stay", "Åsa Ødegård Лена 李", "Åsa Ødegård Лена 李"},
      {"invalid UTF-8 kept", "Anna\xFF\u200B", "Anna\xFF"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(strip_invisible(c.got), c.want) << c.what;
}

struct HiddenCase {
  const char* what;
  const char* name;
  std::size_t hidden;  // how many code points count as hidden
  bool bidi;
};

TEST(HiddenCharacters, CountsWhatHidesAndSparesOrdinaryWriting) {
  const HiddenCase cases[] = {
      // Hidden
      {"zero-width space", "Serv\u200Bice Desk", 1, false},
      {"right-to-left override", "\u202E00933 kseD ecivreS", 1, true},
      {"isolate pair", "\u2067Service Desk\u2069", 2, true},
      {"right-to-left embedding", "\u202BService Desk\u202C", 2, true},
      {"left-to-right mark", "Anna\u200E Andersson", 1, true},
      {"Hangul filler only", "\u3164", 1, false},
      {"braille blank", "Service\u2800Desk", 1, false},
      {"soft hyphen", "Ser\u00ADvice", 1, false},
      {"joiner inside a Latin word", "Ser\u200Dvice", 1, false},
      {"variation selector on a Latin letter", "Se\uFE0Frvice", 1, false},
      {"tag characters without a flag", "Service\U000E0041\U000E007F", 2, false},
      // Ordinary writing
      {"plain name", "Anna Andersson", 0, false},
      {"Swedish letters", "Åsa Öberg", 0, false},
      {"Persian name with a non-joiner", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", 0,
       false},
      {"Devanagari with a joiner", "\u0915\u094D\u200D\u0937", 0, false},
      {"emoji with presentation selector", "Anna \u2764\uFE0F", 0, false},
      {"emoji sequence with joiner", "Team \U0001F469\u200D\U0001F4BB", 0, false},
      {"emoji skin tone then joiner", "\U0001F469\U0001F3FD\u200D\U0001F4BB Lisa", 0, false},
      {"keycap", "Lag 1\uFE0F\u20E3", 0, false},
      {"flag of Scotland",
       "Ewan \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074"
       "\U000E007F",
       0, false},
      {"ideographic variation", "\u845B\U000E0100\u5DDD", 0, false},
  };
  for (const auto& c : cases) {
    HiddenCharacters h = hidden_characters(c.name);
    EXPECT_EQ(h.code_points.size(), c.hidden) << c.what;
    EXPECT_EQ(h.bidi_controls, c.bidi) << c.what;
  }
}

TEST(DisplayedOrder, IsWhatTheReaderSees) {
  const Pair cases[] = {
      {"override and reversed text", "\u202E00933 kseD ecivreS", "Service Desk 33900"},
      {"override closed with PDF", "\u202E00933 kseD ecivreS\u202C", "Service Desk 33900"},
      {"override after a prefix", "Lisa \u202Ekcul", "Lisa luck"},
      {"right-to-left isolate", "\u206733900 Service Desk\u2069", "Service Desk 33900"},
      {"right-to-left embedding", "\u202B33900 Service Desk\u202C", "Service Desk 33900"},
      // Without controls, or with controls that change nothing, there is no second reading.
      {"plain name", "Service Desk 33900", ""},
      {"embedding of Latin letters changes nothing", "\u202BService Desk\u202C", ""},
      {"left-to-right mark", "Anna\u200E Andersson", ""},
      {"Hebrew name without controls", "\u05D3\u05E0\u05D4 \u05DB\u05D4\u05DF", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(displayed_order(c.got), c.want) << c.what;
}

TEST(NameFormsOfHiddenCharacters, CompareEqualToThePlainName) {
  for (const char* name : {"Serv\u200Bice Desk 33900", "Service\u3164Desk\u200B 33900",
                           "Service\u2800Desk 33900", "\u202AService Desk 33900\u202C",
                           "Ser\u00ADvice De\uFE0Fsk 33900", "Service Desk 33900\U000E0020"}) {
    EXPECT_EQ(name_key(name), name_key("Service Desk 33900")) << name;
    EXPECT_EQ(name_forms(name).skeleton_key, name_forms("Service Desk 33900").skeleton_key) << name;
  }
}

TEST(NameFormsOfPunctuation, BetweenWordsIsASpace) {
  const Pair cases[] = {
      {"hyphen and underscore", "Service-Desk_33900", "service desk 33900"},
      {"dots", "Service.Desk.33900", "service desk 33900"},
      {"semicolon and slash", "Lön;Skärholmen / Löner", "lön skärholmen löner"},
      {"en dash with spaces", "Service \u2013 Desk", "service desk"},
      {"full-width hyphen", "Service\uFF0DDesk", "service desk"},
      {"hyphenated first name", "Anna-Karin Svensson", "anna karin svensson"},
      {"Last, First still swaps", "Svensson, Anna-Karin", "anna karin svensson"},
      {"leading and trailing punctuation", "-_Service Desk._", "service desk"},
      {"apostrophe is part of the word", "O'Brien, Liam", "liam o'brien"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(normalize(c.got), c.want) << c.what;
  EXPECT_EQ(name_key("Service-Desk_33900"), name_key("Service Desk 33900"));
}

struct SkeletonCase {
  const char* what;
  const char* a;
  const char* b;
  bool meet;  // under either skeleton key
};

TEST(NameFormsSkeletons, CaseMattersBeforeFolding) {
  const SkeletonCase cases[] = {
      {"capital I for lowercase l", "lT-samordnare", "IT-samordnare", true},
      {"capital I for l inside names", "CarI HiII", "Carl Hill", true},
      {"all capitals with a zero", "SVENSS0N, KRISTIAN", "Kristian Svensson", true},
      {"Cyrillic e", "Servic\u0435 Desk", "Service Desk", true},
      {"lowercase i is not l", "lt-samordnare", "it-samordnare", false},
      {"capital L is not capital I", "Lan Svensson", "Ian Svensson", false},
      {"different people", "Anna Andersson", "Anne Andersson", false},
  };
  for (const auto& c : cases) {
    NameForms a = name_forms(c.a);
    NameForms b = name_forms(c.b);
    bool meet = a.skeleton_key == b.skeleton_key || a.cased_skeleton_key == b.cased_skeleton_key;
    EXPECT_EQ(meet, c.meet) << c.what << ": " << a.skeleton_key << " / " << a.cased_skeleton_key
                            << " vs " << b.skeleton_key << " / " << b.cased_skeleton_key;
  }
  // The folded skeleton alone would not see the first case.
  EXPECT_NE(name_forms("lT-samordnare").skeleton_key, name_forms("IT-samordnare").skeleton_key);
}

}  // namespace
}  // namespace galguard::rules
