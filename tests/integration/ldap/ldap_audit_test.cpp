// `galguard audit --directory ldap://...` as an admin runs it without a config file: bind DN in
// the URL (bindname=), password from $GALGUARD_LDAP_PASSWORD. The Skärholmen entry is found.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/integration/ldap/slapd_fixture.hpp"

namespace galguard::testing {
namespace {

TEST(LdapAudit, FindsTheRogueServiceDeskEntry) {
  if (const std::string why = slapd_unavailable(); !why.empty()) GTEST_SKIP() << why;
  Slapd slapd;
  setenv("GALGUARD_LDAP_PASSWORD", std::string(ad::kServicePassword).c_str(), 1);
  const std::string url = slapd.ldap_url() +
                          "/DC=stockholm,DC=se????bindname=CN%3Dgalguard-svc%2COU%3DService%"
                          "20Accounts%2CDC%3Dstockholm%2CDC%3Dse";
  const CommandResult run =
      run_command({GALGUARD_BINARY, "audit", "--directory", url, "--policy",
                   std::string(GALGUARD_SOURCE_DIR) + "/samples/policy.toml"});
  unsetenv("GALGUARD_LDAP_PASSWORD");
  EXPECT_EQ(run.exit_code, 1) << run.output.substr(0, 4000);
  std::size_t line_start = 0;
  bool found = false;
  while (line_start < run.output.size() && !found) {
    const std::size_t end = run.output.find('\n', line_start);
    const std::string line = run.output.substr(line_start, end - line_start);
    found = line.find("entry-role-name-foreign-address") != std::string::npos &&
            line.find("Service Desk 33900") != std::string::npos;
    line_start = end == std::string::npos ? run.output.size() : end + 1;
  }
  EXPECT_TRUE(found) << run.output.substr(0, 4000);
  // Not on a terminal: no progress line in what a script reads.
  EXPECT_EQ(run.output.find("reading directory:"), std::string::npos);
  if (::testing::Test::HasFailure()) std::cerr << slapd.log_tail();
}

// On a terminal (script(1) gives it one) a long read shows entries and pages as they come.
TEST(LdapAudit, ShowsProgressOnATerminal) {
  if (const std::string why = slapd_unavailable(); !why.empty()) GTEST_SKIP() << why;
  if (access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "script(1) is not installed";
  Slapd slapd;
  const std::string config = slapd.dir() + "/galguard.toml";
  std::ofstream(config) << "[directory.ldap]\nbind_dn = \"" << ad::kServiceDn
                        << "\"\npassword_env = \"GALGUARD_TEST_LDAP_PASSWORD\"\npage_size = 500\n";
  setenv("GALGUARD_TEST_LDAP_PASSWORD", std::string(ad::kServicePassword).c_str(), 1);
  const std::string command = std::string(GALGUARD_BINARY) + " audit --config " + config +
                              " --directory " + slapd.ldap_url() + "/DC=stockholm,DC=se --policy " +
                              GALGUARD_SOURCE_DIR + "/samples/policy.toml";
  const CommandResult run = run_command({"/usr/bin/script", "-qec", command, "/dev/null"});
  unsetenv("GALGUARD_TEST_LDAP_PASSWORD");
  EXPECT_EQ(run.exit_code, 1) << run.output.substr(0, 2000);
  // Redrawn in place page by page, ending with the whole count.
  EXPECT_NE(run.output.find("\rreading directory: 500 entries, 1 pages"), std::string::npos)
      << run.output.substr(0, 2000);
  EXPECT_GE(count_of(run.output, "\rreading directory: "), 10u)
      << "over 5,000 entries in pages of 500";
}

}  // namespace
}  // namespace galguard::testing
