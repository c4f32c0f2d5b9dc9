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

}  // namespace
}  // namespace galguard::rules
