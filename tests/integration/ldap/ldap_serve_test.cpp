// `galguard serve` with Active Directory (a private slapd) as its directory: the directory is
// read over LDAP, refreshed on an interval, kept when the server goes away, and saved as LDIF so
// a restart without the server still judges mail by it.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/integration/galguard_process.hpp"
#include "tests/integration/ldap/slapd_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

// A stranger's address under a colleague's name from the directory: only a gateway that read
// the directory knows it is wrong.
const std::string kImpostor =
    "From: IT Skarholmen <it.skarholmen@stockholm.se>\r\n"
    "To: \"Andersson, Anna\" <anna.andersson@gmail.example>\r\n"
    "Subject: Schema\r\n"
    "Message-ID: <impostor@stockholm.se>\r\n"
    "Date: Mon, 1 Jan 2024 10:00:00 +0100\r\n"
    "\r\n"
    "Hej Anna!\r\n";

TEST(LdapServe, RefreshesKeepsTheLastGoodDirectoryAndRestartsFromItsSavedCopy) {
  if (const std::string why = slapd_unavailable(); !why.empty()) GTEST_SKIP() << why;
  if (const std::string why = peers_unavailable(); !why.empty()) GTEST_SKIP() << why;
  detail::TempDir dir;
  Slapd slapd;
  SmtpSink sink;
  const std::string password_file = dir.path() + "/ldap-password";
  std::ofstream(password_file) << ad::kServicePassword << "\n";
  const std::string source = slapd.ldap_url() + "/DC=stockholm,DC=se";
  const std::map<std::string, std::string> sections = {
      {"directory", "sources = [\"" + source + "\"]\nrefresh_interval = \"1s\""},
      {"directory.ldap", "bind_dn = \"" + std::string(ad::kServiceDn) + "\"\npassword_file = \"" +
                             password_file + "\"\npage_size = 500"},
      {"relay", "next_hop = \"127.0.0.1:" + std::to_string(sink.port()) + "\""}};

  auto gateway = std::make_unique<GalguardProcess>(dir.path() + "/galguard", free_port(), sections);
  gateway->start();
  EXPECT_NE(gateway->log().find("directory loaded: " + source + " ("), std::string::npos)
      << gateway->log();
  std::string reply = send_message(gateway->port(), kImpostor, "it.skarholmen@stockholm.se",
                                   {"anna.andersson@gmail.example"});
  EXPECT_NE(reply.find("held for review"), std::string::npos) << reply;
  EXPECT_NE(gateway->log().find("name-bound-elsewhere"), std::string::npos);

  // A server has no file to copy: what it gave is saved as LDIF, the reference entry included.
  const std::string saved = dir.path() + "/galguard/snapshot/000-directory.ldif";
  ASSERT_TRUE(wait_until([&] { return std::filesystem::exists(saved); }, 5s));
  EXPECT_NE(detail::read_file(saved).find("displayName: Service Desk 33900"), std::string::npos);

  // Refreshed on the interval.
  ASSERT_TRUE(wait_until([&] { return count_of(gateway->log(), "directory loaded: ") >= 2; }, 10s))
      << gateway->log();

  // The server dies: the refresh fails, says so with the age of what is still used, and mail
  // is still judged by the last good directory (not 451, not relayed unchecked).
  slapd.kill();
  ASSERT_TRUE(wait_until(
      [&] {
        return gateway->log().find("directory reload failed, still using " + source) !=
               std::string::npos;
      },
      10s))
      << gateway->log();
  EXPECT_NE(gateway->log().find("min ago): "), std::string::npos);
  reply = send_message(gateway->port(), kImpostor, "it.skarholmen@stockholm.se",
                       {"anna.andersson@gmail.example"});
  EXPECT_NE(reply.find("held for review"), std::string::npos) << reply;

  // Restart while the server is still down: the saved copy is the directory.
  gateway->kill(SIGTERM);
  const std::size_t before = gateway->log().size();
  gateway = std::make_unique<GalguardProcess>(dir.path() + "/galguard", free_port(), sections);
  gateway->start();
  const std::string restarted = gateway->log().substr(before);
  EXPECT_NE(restarted.find("using the last good directory: saved snapshot"), std::string::npos)
      << restarted;
  reply = send_message(gateway->port(), kImpostor, "it.skarholmen@stockholm.se",
                       {"anna.andersson@gmail.example"});
  EXPECT_NE(reply.find("held for review"), std::string::npos) << reply << "\n" << restarted;
  EXPECT_EQ(sink.count(), 0);
}

}  // namespace
}  // namespace galguard::testing
