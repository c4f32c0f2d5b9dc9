// warnings(): valid settings that work against each other, said with the line that set them.
#include <gtest/gtest.h>

#include "gateway/config/config.hpp"

namespace galguard::config {
namespace {

TEST(ConfigWarnings, TheDefaultsGiveNone) {
  EXPECT_TRUE(warnings(default_config()).empty());
}

TEST(ConfigWarnings, BeforeQueueWithRelayTimeoutsLongerThanPostfixWaitsIsFlagged) {
  const Config c = parse_config("[smtp]\nmode = \"before-queue\"\n", "g.toml");
  const auto said = warnings(c);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("g.toml:2: ", 0), 0u) << said[0];
  EXPECT_NE(said[0].find("smtpd_proxy_timeout"), std::string::npos);
  EXPECT_NE(said[0].find("600 s"), std::string::npos) << "the longest: data_end";
}

TEST(ConfigWarnings, BeforeQueueWithShortRelayTimeoutsIsFine) {
  const Config c = parse_config(
      "[smtp]\nmode = \"before-queue\"\n[relay]\nconnect_timeout = \"10s\"\n"
      "greeting_timeout = \"60s\"\ncommand_timeout = \"60s\"\ndata_init_timeout = \"60s\"\n"
      "data_timeout = \"60s\"\ndata_end_timeout = \"90s\"\n",
      "g.toml");
  EXPECT_TRUE(warnings(c).empty());
}

// The review UI shows personal data: off loopback it belongs behind TLS.
TEST(ConfigWarnings, AReviewUiOffLoopbackWithoutSecureCookiesIsFlagged) {
  const Config open = parse_config("[review]\nlisten = [\"0.0.0.0:8025\"]\n", "g.toml");
  const auto said = warnings(open);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("g.toml:2: the review UI listens on 0.0.0.0:8025", 0), 0u) << said[0];
  EXPECT_NE(said[0].find("TLS reverse proxy"), std::string::npos);

  const Config proxied =
      parse_config("[review]\nlisten = [\"192.0.2.10:8025\"]\nsecure_cookies = true\n", "g.toml");
  EXPECT_TRUE(warnings(proxied).empty());
  const Config off =
      parse_config("[review]\nenabled = false\nlisten = [\"0.0.0.0:8025\"]\n", "g.toml");
  EXPECT_TRUE(warnings(off).empty());
}

TEST(ConfigWarnings, AUserHeaderWithoutTrustedProxiesIsIgnoredAndSaidSo) {
  const Config c = parse_config("[review]\nuser_header = \"X-Remote-User\"\n", "g.toml");
  const auto said = warnings(c);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("g.toml:2: user_header = \"X-Remote-User\" is ignored", 0), 0u)
      << said[0];
}

TEST(ConfigWarnings, FailOpenIsSaidAloud) {
  const Config c = parse_config("[directory]\nfail_open = true\n", "g.toml");
  const auto said = warnings(c);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("g.toml:2: fail_open", 0), 0u) << said[0];
}

TEST(ConfigWarnings, LdapBindWithoutPasswordOrTlsIsFlagged) {
  const Config c = parse_config(
      "[directory]\nsources = \"ldap://dc1.stockholm.se\"\n[directory.ldap]\n"
      "bind_dn = \"CN=galguard\"\npassword_env = \"GALGUARD_UNIT_UNSET\"\n",
      "g.toml");
  const auto said = warnings(c);
  ASSERT_EQ(said.size(), 2u);
  EXPECT_NE(said[0].find("there is no password"), std::string::npos) << said[0];
  EXPECT_NE(said[1].find("in the clear"), std::string::npos) << said[1];
}

TEST(ConfigWarnings, LdapsWithAPasswordFileIsFine) {
  const Config c = parse_config(
      "[directory]\nsources = \"ldaps://dc1.stockholm.se\"\n[directory.ldap]\n"
      "bind_dn = \"CN=galguard\"\npassword_file = \"/etc/galguard/ldap-password\"\n",
      "g.toml");
  EXPECT_TRUE(warnings(c).empty());
}

TEST(ConfigWarnings, GraphWithoutCredentialsIsFlagged) {
  const Config c = parse_config(
      "[directory]\nsources = \"graph://contoso.onmicrosoft.com\"\n[directory.graph]\n"
      "client_id = \"x\"\nclient_secret_env = \"GALGUARD_UNIT_UNSET\"\n",
      "g.toml");
  const auto said = warnings(c);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_NE(said[0].find("has no credentials"), std::string::npos) << said[0];
}

}  // namespace
}  // namespace galguard::config
