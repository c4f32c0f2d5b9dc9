// [review] metrics_from: loopback by default, addresses and CIDR ranges, empty = off, and a
// clear file:line error for anything else.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::config {
namespace {

using Strings = std::vector<std::string>;

TEST(MetricsFrom, LoopbackByDefault) {
  EXPECT_EQ(parse_config("", "g.toml").review.metrics_from, (Strings{"127.0.0.1", "::1"}));
}

TEST(MetricsFrom, AddressesAndRangesAndEmpty) {
  EXPECT_EQ(parse_config("[review]\nmetrics_from = [\"10.0.0.0/8\", \"2001:db8::7\"]\n", "g.toml")
                .review.metrics_from,
            (Strings{"10.0.0.0/8", "2001:db8::7"}));
  EXPECT_EQ(parse_config("[review]\nmetrics_from = \"192.0.2.9\"\n", "g.toml").review.metrics_from,
            (Strings{"192.0.2.9"}));
  EXPECT_TRUE(parse_config("[review]\nmetrics_from = []\n", "g.toml").review.metrics_from.empty());
}

TEST(MetricsFrom, HostNamesAndBadRangesAreRefusedWithThePlace) {
  for (const char* bad : {"localhost", "10.0.0.0/40", "prometheus.example.org"}) {
    const std::string text =
        std::string("[review]\n\nmetrics_from = [\"127.0.0.1\", \"") + bad + "\"]\n";
    try {
      parse_config(text, "g.toml");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const rules::InputError& e) {
      const std::string what = e.what();
      EXPECT_EQ(e.place(), "g.toml:3") << what;
      EXPECT_NE(what.find("[review] metrics_from"), std::string::npos) << what;
      EXPECT_NE(what.find(bad), std::string::npos) << what;
    }
  }
}

TEST(MetricsFrom, PrintedAndReadBack) {
  Config c = parse_config("[review]\nmetrics_from = [\"10.0.0.0/8\", \"::1\"]\n", "g.toml");
  const std::string printed = to_toml(c);
  EXPECT_NE(printed.find("metrics_from = [\"10.0.0.0/8\", \"::1\"]"), std::string::npos) << printed;
  EXPECT_EQ(parse_config(printed, "printed.toml").review.metrics_from, c.review.metrics_from);
  c.review.metrics_from.clear();
  EXPECT_TRUE(parse_config(to_toml(c), "printed.toml").review.metrics_from.empty());
}

}  // namespace
}  // namespace galguard::config
