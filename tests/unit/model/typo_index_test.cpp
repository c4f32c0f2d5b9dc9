// The typo index: which names count as typing slips of which, and that the deletion index finds
// exactly what a comparison with every name would find.
#include "rules/model/typo_index.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "rules/text/normalize.hpp"
#include "rules/text/utf8.hpp"

namespace galguard::rules {
namespace {

std::optional<int> slip(std::string_view name, std::string_view target) {
  const TypoForm t = typo_form(normalize(target));
  return typo_edits(typo_form(normalize(name)), t, typo_edits_allowed(t.folded));
}

struct SlipCase {
  const char* why;
  const char* name;
  const char* target;
  std::optional<int> want;
};

TEST(TypoEdits, WhichNamesAreSlipsOfWhich) {
  const SlipCase cases[] = {
      {"a letter left out", "Servce Desk 33900", "Service Desk 33900", 1},
      {"a letter too many", "Serviice Desk 33900", "Service Desk 33900", 1},
      {"a letter changed", "Servise Desk 33900", "Service Desk 33900", 1},
      {"two neighbours swapped", "Helpdeks", "Helpdesk", 1},
      {"a space left out", "ServiceDesk Nord", "Service Desk Nord", 1},
      {"two slips in a long name", "Servce Dsk Norrmalm", "Service Desk Norrmalm", 2},
      {"two slips in a short name", "Helpdsk Nrd", "Helpdesk Nord", std::nullopt},
      {"an accent changed", "Lönér Skärholmen", "Löner Skärholmen", 0},
      {"a letter changed and accents dropped", "Lonar Skarholmen", "Löner Skärholmen", 1},
      {"accents dropped", "Loner Skarholmen", "Löner Skärholmen", 0},
      {"accents added", "Löner Skärholmen", "Loner Skarholmen", 0},
      {"Danish ø typed as o", "Lon Nordhavn Kommune", "Løn Nordhavn Kommune", 0},
      {"Danish æ typed as ae", "Kaemner Vest", "Kæmner Vest", 0},
      {"accents dropped and a slip", "Loner Skarholme", "Löner Skärholmen", 1},
      {"the same name", "Service Desk 33900", "service desk 33900", std::nullopt},
      {"combining marks or precomposed: the same name", "Lo\u0308ner Ska\u0308rholmen",
       "Löner Skärholmen", std::nullopt},
      {"5 letters: exact only", "Kasa", "Kassa", std::nullopt},
      {"6 letters: one slip", "Ekonmi", "Ekonomi", 1},
      {"12 letters: one slip", "Lönekontret", "Lönekontoret", 1},
      {"12 letters: not two", "Lönkontret", "Lönekontoret", std::nullopt},
      {"13 letters: one slip", "Kundtjänst Sd", "Kundtjänst Syd", 1},
      {"13 letters: not two", "Kundtjnst Sd", "Kundtjänst Syd", std::nullopt},
      {"14 letters: two", "Kundtjänst Nrd", "Kundtjänst Norr", 2},
      {"14 letters: two, one of them a space", "Kundtjanstnor", "Kundtjänst Nord", 2},
      {"only a number differs: another room", "Rum 102", "Rum 101", std::nullopt},
      {"only a number differs: another desk", "Service Desk 33901", "Service Desk 33900",
       std::nullopt},
      {"a slip and another number: another desk", "Servce Desk 33901", "Service Desk 33900",
       std::nullopt},
      {"a digit left out: another number", "Service Desk 3390", "Service Desk 33900", std::nullopt},
      {"three slips", "Srvce Dsk Nrrmalm", "Service Desk Norrmalm", std::nullopt},
  };
  for (const auto& c : cases)
    EXPECT_EQ(slip(c.name, c.target), c.want) << c.why << ": " << c.name << " / " << c.target;
}

TEST(TypoDistance, CountsEachKindOfEditOnce) {
  struct Case {
    std::u32string a, b;
    int limit, want;
  };
  const Case cases[] = {
      {U"abcdef", U"abcdef", 2, 0}, {U"abcdef", U"abdef", 2, 1},  {U"abcdef", U"abxcdef", 2, 1},
      {U"abcdef", U"abxdef", 2, 1}, {U"abcdef", U"bacdef", 2, 1}, {U"abcdef", U"badcef", 2, 2},
      {U"abcdef", U"fedcba", 2, 3}, {U"åäö", U"aäö", 2, 1},       {U"", U"ab", 1, 2},
  };
  for (const auto& c : cases)
    EXPECT_EQ(typo_distance(c.a, c.b, c.limit), c.want);
}

// Every single and double edit of each target, over an alphabet that makes collisions between
// targets likely: the index must find exactly the targets that a comparison with each finds.
TEST(TypoIndex, FindsWhatComparingWithEveryNameFinds) {
  const std::vector<std::string> targets = {
      "service desk 33900", "servicedesk",       "helpdesk",
      "löner skärholmen",   "lön skärholmen",    "ekonomi",
      "ekonomi nord",       "it support",        "kassa",
      "desk services",      "helpdesk norrmalm", "sevice desk 33900"};
  TypoIndex index;
  for (std::uint32_t i = 0; i < targets.size(); ++i)
    index.add(i, targets[i]);
  index.build();

  const std::u32string alphabet = U"esdkö r";
  std::set<std::u32string> queries;
  for (const auto& t : targets) {
    const std::u32string s = typo_form(t).folded;
    std::vector<std::u32string> once = {s};
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i < s.size()) once.push_back(s.substr(0, i) + s.substr(i + 1));
      if (i + 1 < s.size()) once.push_back(s.substr(0, i) + s[i + 1] + s[i] + s.substr(i + 2));
      for (char32_t c : alphabet) {
        once.push_back(s.substr(0, i) + c + s.substr(i));
        if (i < s.size()) once.push_back(s.substr(0, i) + c + s.substr(i + 1));
      }
    }
    for (const auto& q : once) {
      queries.insert(q);
      for (std::size_t i = 0; i < q.size(); ++i) {  // a second slip: a deletion or a change
        queries.insert(q.substr(0, i) + q.substr(i + 1));
        queries.insert(q.substr(0, i) + U'x' + q.substr(i + 1));
      }
    }
  }
  std::size_t found = 0;
  for (const auto& q32 : queries) {
    std::string utf8;
    for (char32_t c : q32)
      append_utf8(utf8, c);
    const TypoForm form = typo_form(utf8);
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 0; i < targets.size(); ++i) {
      const TypoForm t = typo_form(targets[i]);
      if (typo_edits(form, t, typo_edits_allowed(t.folded))) want.push_back(i);
    }
    std::vector<std::uint32_t> got;
    for (const auto& m : index.find(TypoQuery(utf8)))
      got.push_back(m.id);
    EXPECT_EQ(got, want) << utf8;
    found += got.size();
  }
  EXPECT_GT(found, 1000U);  // the table above really exercises the index
}

TEST(TypoIndex, ShortNamesAreNotIndexed) {
  TypoIndex index;
  index.add(0, "kassa");  // 5 letters: exact only
  index.add(1, "ekonomi");
  index.build();
  EXPECT_EQ(index.items(), 1U);
  EXPECT_TRUE(index.find(TypoQuery("kasa")).empty());
  EXPECT_TRUE(index.find(TypoQuery("kassan")).empty());
  ASSERT_EQ(index.find(TypoQuery("ekonmi")).size(), 1U);
}

TEST(TypoIndex, PrefixItemsMeetTheLeadingWordsOfAName) {
  TypoIndex index;
  index.add(0, "dataskyddsombud", /*prefix=*/true);
  index.add(1, "helpdesk");  // whole: the name must be a slip of all of it
  index.build();
  EXPECT_EQ(index.max_prefix_letters(), 15U);
  auto prefix = index.find(TypoQuery("dataskydsombud skärholmen", index.max_prefix_letters()));
  ASSERT_EQ(prefix.size(), 1U);
  EXPECT_EQ(prefix.front().id, 0U);
  EXPECT_EQ(prefix.front().edits, 1);
  EXPECT_TRUE(index.find(TypoQuery("helpdeks nord", 15)).empty());
  EXPECT_EQ(index.find(TypoQuery("helpdeks", 15)).size(), 1U);
  // Without leading words asked for, only the whole name is compared.
  EXPECT_TRUE(index.find(TypoQuery("dataskydsombud skärholmen")).empty());
}

}  // namespace
}  // namespace galguard::rules
