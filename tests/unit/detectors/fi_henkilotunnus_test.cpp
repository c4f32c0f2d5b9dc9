#include <gtest/gtest.h>

#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace {

struct Case {
  const char* got;
  bool want;
};

TEST(FiHenkilotunnus, CheckCharacterCenturySignAndDate) {
  const Case cases[] = {
      {"131052-308T", true},    // DVV's example
      {"010594Y9021", true},    // 2023 century sign for the 1900s
      {"010594X9021", true},    // another one
      {"010594U9032", true},    // another one
      {"010594B9021", true},    // 2023 century sign for the 2000s
      {"290200A1239", true},    // 29 Feb 2000
      {"311299-999E", true},    // temporary number (900-999)
      {"010101+002S", true},    // 1801
      {"131052-308U", false},   // check character
      {"131052G308T", false},   // no such century sign
      {"290200-1239", false},   // 29 Feb 1900
      {"290201A123J", false},   // 29 Feb 2001, check character right
      {"010101-001?", false},   // 001 is never issued
      {"131052-308", false},    // too short
      {"131052-308TT", false},  // too long
      {"131052-308t", false},   // check characters are upper case
      {"", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(valid_fi_henkilotunnus(c.got), c.want) << "input: " << c.got;
  }
}

TEST(FiHenkilotunnus, NoFutureBirthDates) {
  constexpr CivilDate kToday{2025, 6, 15};
  const Case cases[] = {
      {"150625A123X", true},   // born today
      {"160625A123K", false},  // born tomorrow
      {"160625B123K", false},  // the same with a 2023 sign for the 2000s
      {"160625-123K", true},   // 1925
  };
  for (const auto& c : cases)
    EXPECT_EQ(valid_fi_henkilotunnus(c.got, kToday), c.want) << "input: " << c.got;
  EXPECT_TRUE(valid_fi_henkilotunnus("160625A123K"));  // no date given: no future check
}

}  // namespace
}  // namespace galguard::rules
