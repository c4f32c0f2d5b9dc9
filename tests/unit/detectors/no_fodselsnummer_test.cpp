#include <gtest/gtest.h>

#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace {

struct Case {
  const char* got;
  bool want;
};

TEST(NoFodselsnummer, TwoCheckDigitsAndDate) {
  const Case cases[] = {
      {"01018012371", true},    // 1 Jan 1980
      {"15079045664", true},    // 15 Jul 1990
      {"01010560000", true},    // individual 600 with year 05: 2005
      {"41018012365", true},    // D-number: day 01 + 40
      {"01418012354", true},    // H-number: month 01 + 40
      {"01018012372", false},   // second check digit
      {"01018012381", false},   // first check digit
      {"01018012700", false},   // first check digit would be 10
      {"32018012323", false},   // day 32, check digits right
      {"29020012380", false},   // 29 Feb 1900, check digits right
      {"0101801237", false},    // too short
      {"010180123711", false},  // too long
      {"010180-12371", false},  // no separator in this format
      {"", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(valid_no_fodselsnummer(c.got), c.want) << "input: " << c.got;
  }
}

TEST(NoFodselsnummer, NoFutureBirthDates) {
  constexpr CivilDate kToday{2025, 6, 15};
  EXPECT_TRUE(valid_no_fodselsnummer("15062551299", kToday));   // born today (individual 512)
  EXPECT_FALSE(valid_no_fodselsnummer("16062551228", kToday));  // born tomorrow
  EXPECT_FALSE(valid_no_fodselsnummer("01013054130", kToday));  // 2030
  EXPECT_TRUE(valid_no_fodselsnummer("01013041292", kToday));   // individual 412: 1930
  EXPECT_TRUE(valid_no_fodselsnummer("16062551228"));           // no date given: no future check
}

}  // namespace
}  // namespace galguard::rules
