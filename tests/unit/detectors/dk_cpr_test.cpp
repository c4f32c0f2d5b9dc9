#include <gtest/gtest.h>

#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace {

struct Case {
  const char* got;
  bool want;
};

TEST(DkCpr, DateWithCenturyFromSeventhDigit) {
  const Case cases[] = {
      {"010180-1234", true},
      {"0101801234", true},    // the validator takes both; the scanner wants a "CPR" label
      {"290200-4000", true},   // 7th digit 4, year 00: 2000, a leap year
      {"311299-5000", true},   // 7th digit 5, year 99: 1899
      {"010137-9000", true},   // 7th digit 9, year 37: 1937
      {"290200-1000", false},  // 7th digit 1: 1900, no 29 Feb
      {"290201-4000", false},
      {"320180-1234", false},
      {"011380-1234", false},
      {"000180-1234", false},
      {"010180+1234", false},
      {"010180 1234", false},
      {"010180-123", false},
      {"010180-12345", false},
      {"01018a-1234", false},
      {"", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(valid_dk_cpr(c.got), c.want) << "input: " << c.got;
}

// CPR-kontoret's table: the 7th digit with YY gives the century; "today" refuses birth dates
// that have not happened, the 2000s numbers of years still to come.
TEST(DkCpr, SeventhDigitCenturyAndNoFutureBirthDates) {
  constexpr CivilDate kToday{2025, 6, 15};
  const struct {
    const char* got;
    bool want;
    const char* why;
  } cases[] = {
      {"290200-3000", false, "0-3: 1900, no 29 Feb"},
      {"290200-4000", true, "4 and YY 00-36: 2000, a leap year"},
      {"290200-9000", true, "9 and YY 00-36: 2000"},
      {"290200-5000", true, "5-8 and YY 00-57: 2000"},
      {"290296-5000", true, "5-8 and YY 58-99: 1896, a leap year"},
      {"290297-5000", false, "5-8 and YY 58-99: 1897, no 29 Feb"},
      {"010137-4000", true, "4 and YY 37-99: 1937"},
      {"010136-3000", true, "0-3: 1936"},
      {"010136-4000", false, "4 and YY 00-36: 2036, not born yet"},
      {"010136-9000", false, "9 and YY 00-36: 2036, not born yet"},
      {"010157-8000", false, "5-8 and YY 00-57: 2057, not born yet"},
      {"010158-8000", true, "5-8 and YY 58-99: 1858"},
      {"150625-4000", true, "born today"},
      {"160625-4000", false, "born tomorrow"},
      {"1606254000", false, "born tomorrow, without the hyphen"},
      {"160625-3000", true, "0-3: 1925"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(valid_dk_cpr(c.got, kToday), c.want) << c.got << ": " << c.why;
  // Without a date nothing is refused for lying in the future (callers that pass no date).
  EXPECT_TRUE(valid_dk_cpr("010136-4000"));
  EXPECT_TRUE(valid_dk_cpr("160625-4000"));
}

}  // namespace
}  // namespace galguard::rules
