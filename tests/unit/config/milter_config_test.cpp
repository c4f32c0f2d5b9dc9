// [milter]: its keys, their defaults, and the one rule across sections: a gateway must listen
// somewhere, SMTP or milter.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "gateway/config/config.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::config {
namespace {

using namespace std::chrono_literals;

// The InputError message of parsing `text` as "g.toml", or "" when it parses.
std::string error_of(const std::string& text) {
  try {
    parse_config(text, "g.toml");
  } catch (const rules::InputError& e) {
    return e.what();
  }
  return "";
}

TEST(MilterConfig, DefaultsToNoMilterListener) {
  const Config c = default_config();
  EXPECT_TRUE(c.milter.listen.empty());
  EXPECT_EQ(c.milter.on_hold, MilterSettings::OnHold::reject);
  EXPECT_TRUE(c.milter.verdict_header);
  EXPECT_EQ(c.milter.timeout, 6min);
}

TEST(MilterConfig, ReadsEveryKey) {
  const Config c = parse_config(
      "[milter]\nlisten = [\"127.0.0.1:10027\", \"[::1]:10028\"]\non_hold = \"discard\"\n"
      "verdict_header = false\ntimeout = \"90s\"\n",
      "g.toml");
  EXPECT_EQ(c.milter.listen, (std::vector<net::Endpoint>{{"127.0.0.1", 10027}, {"::1", 10028}}));
  EXPECT_EQ(c.milter.on_hold, MilterSettings::OnHold::discard);
  EXPECT_FALSE(c.milter.verdict_header);
  EXPECT_EQ(c.milter.timeout, 90s);
  EXPECT_EQ(c.places.at("milter.on_hold"), "g.toml:3");
}

TEST(MilterConfig, AMilterOnlyGatewayMayHaveNoSmtpListener) {
  const Config c =
      parse_config("[smtp]\nlisten = []\n\n[milter]\nlisten = \"127.0.0.1:10027\"\n", "g.toml");
  EXPECT_TRUE(c.listen.empty());
  EXPECT_EQ(c.milter.listen, (std::vector<net::Endpoint>{{"127.0.0.1", 10027}}));
  const std::string printed = to_toml(c);
  EXPECT_NE(printed.find("\n[smtp]\nlisten = []\n"), std::string::npos) << printed;
  EXPECT_NE(printed.find("\n[milter]\nlisten = [\"127.0.0.1:10027\"]\n"), std::string::npos)
      << printed;
  // What config check prints reads back to the same.
  EXPECT_TRUE(parse_config(printed, "printed.toml").listen.empty());
}

TEST(MilterConfig, ListeningNowhereIsAnErrorAtTheSmtpListenLine) {
  EXPECT_EQ(error_of("[smtp]\nmode = \"before-queue\"\nlisten = []\n"),
            "g.toml:3: [smtp] listen = []: the gateway would take no mail; list an SMTP endpoint "
            "here or a milter endpoint in [milter] listen");
  EXPECT_NE(error_of("[smtp]\nlisten = []\n[milter]\nlisten = []\n").find("g.toml:2: "),
            std::string::npos);
}

TEST(MilterConfig, BadValuesNameTheirLine) {
  const std::string on_hold = error_of("[milter]\nverdict_header = true\non_hold = \"bounce\"\n");
  EXPECT_NE(on_hold.find("g.toml:3"), std::string::npos) << on_hold;
  EXPECT_NE(on_hold.find("\"reject\" or \"discard\""), std::string::npos) << on_hold;

  const std::string header = error_of("[milter]\n\nverdict_header = \"yes\"\n");
  EXPECT_NE(header.find("g.toml:3"), std::string::npos) << header;

  const std::string listen = error_of("[milter]\nlisten = [\"127.0.0.1\"]\n");
  EXPECT_NE(listen.find("g.toml:2"), std::string::npos) << listen;
  EXPECT_NE(listen.find("[milter] listen"), std::string::npos) << listen;

  const std::string twice =
      error_of("[milter]\nlisten = [\"127.0.0.1:10027\",\n  \"127.0.0.1:10027\"]\n");
  EXPECT_NE(twice.find("g.toml:3"), std::string::npos) << twice;
  EXPECT_NE(twice.find("listed twice"), std::string::npos) << twice;

  const std::string timeout = error_of("[milter]\ntimeout = 0\n");
  EXPECT_NE(timeout.find("g.toml:2"), std::string::npos) << timeout;

  const std::string unknown = error_of("[milter]\nlisten = []\nonhold = \"reject\"\n");
  EXPECT_NE(unknown.find("g.toml:3"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("did you mean \"on_hold\""), std::string::npos) << unknown;
}

}  // namespace
}  // namespace galguard::config
