#include <gtest/gtest.h>

#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace {

struct Case {
  const char* got;
  bool want;
};

TEST(SePersonnummer, FormsDatesAndLuhn) {
  const Case cases[] = {
      {"19121212-1212", true},   // Skatteverket's reference number
      {"121212-1212", true},     // the same, without century
      {"1212121212", true},      // the same, no separator
      {"191212121212", true},    // the same, 12 digits
      {"121212+1212", true},     // "+": a hundred years or older
      {"811228-9874", true},     // 28 Dec 1981
      {"8112289874", true},      // the same, no separator
      {"121272-1219", true},     // samordningsnummer: day 12 + 60
      {"000229-1235", true},     // 29 Feb 2000
      {"20000229-1235", true},   // the same, with century
      {"19121212-1213", false},  // Luhn
      {"121212-1213", false},    // Luhn
      {"19000229-1235", false},  // 1900 was no leap year
      {"000229+1235", false},    // "+" leaves 1800 or 1900: no 29 Feb
      {"991332-1239", false},    // month 13, Luhn right
      {"990230-1234", false},    // 30 Feb, Luhn right
      {"121292-1212", false},    // day 32 as samordningsnummer
      {"17121212-1212", false},  // no such century
      {"121212-121", false},     // too short
      {"12121212121", false},    // 11 digits
      {"121212/1212", false},    // no such separator
      {"1912121212-12", false},  // separator in the wrong place
      {"121212-12a2", false},    // letter
      {"", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(valid_se_personnummer(c.got), c.want) << "input: " << c.got;
}

// With the century written, a birth date can lie after today; without it, the number belongs to
// the century in which it is a past date.
TEST(SePersonnummer, NoFutureBirthDates) {
  constexpr CivilDate kToday{2025, 6, 15};
  const Case cases[] = {
      {"20250615-1238", true},   // born today
      {"20250616-1237", false},  // born tomorrow
      {"202506161237", false},   // the same, 12 digits
      {"250616-1237", true},     // 16 June 1925 (2025 has not come yet)
      {"19250616-1237", true},   // the same, with century
  };
  for (const auto& c : cases)
    EXPECT_EQ(valid_se_personnummer(c.got, kToday), c.want) << "input: " << c.got;
  EXPECT_TRUE(valid_se_personnummer("20250616-1237"));  // no date given: no future check
}

}  // namespace
}  // namespace galguard::rules
