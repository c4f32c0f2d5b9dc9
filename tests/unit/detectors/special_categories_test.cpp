#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "rules/detectors/personal_data.hpp"
#include "rules/detectors/special_categories.hpp"

namespace galguard::rules {
namespace {

using detail::Category;

std::vector<std::string> categories_of(std::string text) {
  const TextBlock blocks[] = {{"body", std::move(text)}};
  return detect_personal_data(blocks).categories;
}

using Names = std::vector<std::string>;

struct Case {
  const char* got;
  Names want;
};

TEST(TermLists, HaveNoMistakes) {
  for (const auto& problem : detail::TermMatcher::instance().problems())
    ADD_FAILURE() << problem;
}

TEST(TermLists, EachCategoryHasTwentyToFortyTermsInAllFourLanguages) {
  const std::array<std::span<const detail::Term>, 4> lists{detail::terms_sv(), detail::terms_da(),
                                                           detail::terms_nb(), detail::terms_en()};
  std::map<Category, int> terms;
  std::map<Category, std::set<int>> languages;
  for (int language = 0; language < 4; ++language) {
    for (const auto& term : lists[language]) {
      ++terms[term.category];
      languages[term.category].insert(language);
    }
  }
  for (std::size_t i = 0; i < detail::kCategoryCount; ++i) {
    const auto category = static_cast<Category>(i);
    const std::string_view name = detail::category_name(category);
    EXPECT_GE(terms[category], 20) << name;
    EXPECT_LE(terms[category], 40) << name;
    EXPECT_EQ(languages[category].size(), 4u) << name;
  }
}

TEST(SpecialCategories, HealthInFourLanguages) {
  const Case cases[] = {
      {"Hon är sjukskriven resten av veckan.", {"health"}},
      {"Bifogar läkarintyget.", {"health"}},
      {"Han er sygemeldt i denne uge.", {"health"}},
      {"Hun er sykmeldt ut måneden.", {"health"}},
      {"Hun har levert legeerklæring.", {"health"}},
      {"She is on sick leave until Friday.", {"health"}},
      {"Hon fick diagnosen i våras.", {"health"}},
      {"Patient is HIV positive.", {"health"}},
      {"hiv-positiv", {"health"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(categories_of(c.got), c.want) << "input: " << c.got;
}

TEST(SpecialCategories, EveryCategoryFires) {
  const Case cases[] = {
      {"Uppgift om etnisk tillhörighet", {"ethnic-origin"}},
      {"Hans politiska åsikter är kända", {"political-opinions"}},
      {"Medlem af folkekirken: ja", {"religion"}},
      {"Kyrkoavgift dras på lönen", {"religion"}},
      {"Han är med i facket", {"trade-union"}},
      {"Fackförbundet Vision", {"trade-union"}},
      {"Jeg er tillitsvalgt", {"trade-union"}},
      {"A-kassan har svarat", {"trade-union"}},
      {"He joined a trade union last year", {"trade-union"}},
      {"Resultatet av gentestet", {"genetic"}},
      {"the DNA sample was sent", {"genetic"}},
      {"Registrering av fingeravtryck", {"biometric"}},
      {"uses facial recognition at the gate", {"biometric"}},
      {"hans sexuella läggning", {"sex-life"}},
      {"questions about sexual orientation", {"sex-life"}},
      {"Utdrag ur belastningsregistret", {"criminal-offences"}},
      {"Politiattest er mottatt", {"criminal-offences"}},
      {"He has a criminal record", {"criminal-offences"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(categories_of(c.got), c.want) << "input: " << c.got;
}

TEST(SpecialCategories, WholeWordsAnyCase) {
  const Case cases[] = {
      {"LÄKARINTYG bifogas", {"health"}},
      {"FACKFÖRBUNDET har svarat", {"trade-union"}},
      {"Trade Unions", {"trade-union"}},
      {"trade\nunion", {"trade-union"}},  // wrapped line
      {"trade  -  union", {"trade-union"}},
      {"trade. Union", {}},  // not one phrase
      {"ohiv", {}},          // not a whole word
      {"förhivning", {}},
      {"right-wing extremism", {"political-opinions"}},
      {"a political party member", {"political-opinions"}},
      {"a political party budget", {}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(categories_of(c.got), c.want) << "input: " << c.got;
}

TEST(SpecialCategories, OrdinaryBusinessMailFiresNothing) {
  const char* const texts[] = {
      "Tack för mötet igår, vi hörs nästa vecka.",
      "Agenda: meeting about the party budget.",
      "Please run the diagnostics on the VPN gateway.",
      "Diagnostiska prov i matematik för årskurs 3.",
      "Europeiska unionen och EU:s medlemsstater.",
      "European Union member states and third party members.",
      "The hospitality budget for the conference.",
      "Check the certificate fingerprint before you connect.",
      "The account is disabled. Race condition in the scheduler.",
      "Tak for mødet, vi ses på fredag.",
      "Takk for møtet, vi snakkes.",
      "Flight to Islamabad on Monday.",
      "Sjukvårdsupplysningen har nytt telefonnummer.",
  };
  for (const char* text : texts)
    EXPECT_EQ(categories_of(text), Names{}) << "input: " << text;
}

TEST(SpecialCategories, LongestStemWins) {
  EXPECT_EQ(categories_of("diagnos"), Names{"health"});
  EXPECT_EQ(categories_of("diagnoserna"), Names{"health"});
  EXPECT_EQ(categories_of("diagnostiken"), Names{});
  EXPECT_EQ(categories_of("diagnosis"), Names{"health"});
  EXPECT_EQ(categories_of("diagnostic tools"), Names{});
}

TEST(SpecialCategories, CountsAsSpecial) {
  PersonalData data;
  data.categories = {"identity-number"};
  EXPECT_FALSE(data.special_category());
  data.categories = {"financial", "identity-number"};
  EXPECT_FALSE(data.special_category());
  for (std::size_t i = 0; i < detail::kCategoryCount; ++i) {
    data.categories = {std::string(detail::category_name(static_cast<Category>(i)))};
    EXPECT_TRUE(data.special_category()) << data.categories[0];
  }
}

}  // namespace
}  // namespace galguard::rules
