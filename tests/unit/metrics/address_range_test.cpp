// [review] metrics_from: which peers a range admits.
#include <gtest/gtest.h>

#include "gateway/metrics/address_range.hpp"

namespace galguard::metrics {
namespace {

TEST(AddressRange, RefusesWhatIsNotAnAddressOrRange) {
  for (const char* bad : {"", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x",
                          "10.0.0.0/8/8", "300.1.1.1", " 127.0.0.1"})
    EXPECT_FALSE(AddressRange::parse(bad)) << bad;
}

TEST(AddressRange, SingleAddressesMatchOnlyThemselves) {
  const auto loopback = AddressRange::parse("127.0.0.1");
  ASSERT_TRUE(loopback);
  EXPECT_TRUE(loopback->contains("127.0.0.1"));
  EXPECT_TRUE(loopback->contains("::ffff:127.0.0.1"));  // a dual-stack listener's IPv4 peer
  EXPECT_FALSE(loopback->contains("127.0.0.2"));
  EXPECT_FALSE(loopback->contains("::1"));
  EXPECT_FALSE(loopback->contains("not an address"));
  const auto v6 = AddressRange::parse("::1");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->contains("::1"));
  EXPECT_FALSE(v6->contains("127.0.0.1"));
}

TEST(AddressRange, CidrRangesMatchByPrefix) {
  struct Case {
    const char* range;
    const char* peer;
    bool want;
  } cases[] = {
      {"10.0.0.0/8", "10.200.3.4", true},          {"10.0.0.0/8", "11.0.0.1", false},
      {"192.0.2.0/25", "192.0.2.127", true},       {"192.0.2.0/25", "192.0.2.128", false},
      {"192.0.2.77/24", "192.0.2.1", true},        {"0.0.0.0/0", "203.0.113.9", true},
      {"fd00::/8", "fd12:3456::1", true},          {"fd00::/8", "fe80::1", false},
      {"2001:db8::/33", "2001:db8:7fff::1", true}, {"2001:db8::/33", "2001:db8:8000::1", false},
  };
  for (const auto& c : cases) {
    const auto range = AddressRange::parse(c.range);
    ASSERT_TRUE(range) << c.range;
    EXPECT_EQ(range->contains(c.peer), c.want) << c.range << " " << c.peer;
  }
}

TEST(AddressRange, AnyOfSeveral) {
  const auto ranges = parse_ranges({"127.0.0.1", "::1", "bogus"});
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_TRUE(any_contains(ranges, "::1"));
  EXPECT_TRUE(any_contains(ranges, "127.0.0.1"));
  EXPECT_FALSE(any_contains(ranges, "192.0.2.1"));
  EXPECT_FALSE(any_contains({}, "127.0.0.1"));
}

}  // namespace
}  // namespace galguard::metrics
