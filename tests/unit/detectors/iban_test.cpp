#include <gtest/gtest.h>

#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace {

struct Case {
  const char* got;
  bool want;
};

TEST(Iban, LengthAndMod97) {
  const Case cases[] = {
      {"GB82WEST12345698765432", true},
      {"GB82 WEST 1234 5698 7654 32", true},
      {"SE4550000000058398257466", true},
      {"SE45 5000 0000 0583 9825 7466", true},
      {"DE89370400440532013000", true},
      {"NO9386011117947", true},
      {"FI2112345600000785", true},
      {"DK5000400440116243", true},
      {"CH9300762011623852957", true},
      {"FR1420041010050500013M02606", true},
      {"gb82west12345698765432", true},   // the same IBAN in lower case
      {"GB82WEST12345698765433", false},  // mod 97
      {"SE45 5000 0000 0583 9825 7467", false},
      {"GB82WEST1234569876543", false},  // one short for GB
      {"GB82WEST123456987654321", false},
      {"XX82WEST12345698765432", false},  // no such country
      {"GBX2WEST12345698765432", false},
      {"GB82-WEST-1234-5698-7654-32", false},
      {"", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(valid_iban(c.got), c.want) << "input: " << c.got;
}

}  // namespace
}  // namespace galguard::rules
