// Two `galguard serve` processes sharing one PostgreSQL quarantine (issue 6, "several gateways,
// one queue"): what one holds the other's DPO sees, what one releases the other sees as
// released, and the action log both wrote to verifies. One gateway has the password in its URL,
// the other reads it from PGPASSFILE, as the config warning recommends.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>
#include <string>

#include "tests/integration/gateway_fixture.hpp"
#include "tests/integration/postgres/postgres_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

const std::string kReference = sample("messages/01-skarholmen-incident.eml");
const std::string kReferenceRcpt = "m.exempel@elevstockholm.onmicrosoft.com";

std::string http_get(std::uint16_t port, const std::string& path,
                     const std::string& extra_header = "") {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    timeval timeout{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    const std::string request = "GET " + path +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                                extra_header + "\r\n";
    (void)!write(fd, request.data(), request.size());
    char buffer[4096];
    for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
      response.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return response;
}

nlohmann::json quarantine_list(const GalguardProcess& gateway) {
  int status = 0;
  const std::string out = gateway.cli("quarantine list --state all --json", &status);
  EXPECT_EQ(status, 0) << out;
  return nlohmann::json::parse(out, nullptr, false);
}

std::set<std::string> ids_in(const nlohmann::json& list) {
  std::set<std::string> out;
  if (list.is_array())
    for (const auto& m : list)
      out.insert(m["id"].get<std::string>());
  return out;
}

std::string state_of(const nlohmann::json& list, const std::string& id) {
  if (list.is_array())
    for (const auto& m : list)
      if (m["id"] == id) return m["state"];
  return "(not listed)";
}

class PostgresServe : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = postgres_unavailable(); !why.empty()) GTEST_SKIP() << why;
    if (const std::string why = peers_unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
  void TearDown() override {
    unsetenv("PGPASSFILE");
    for (const auto* gateway : {first_.get(), second_.get()})
      if (HasFailure() && gateway)
        std::cerr << "---- galguard log ----\n"
                  << detail::tail_lines(gateway->log(), 40) << "----\n";
  }

  detail::TempDir dir_;
  std::unique_ptr<GalguardProcess> first_;
  std::unique_ptr<GalguardProcess> second_;
};

TEST_F(PostgresServe, TwoGatewaysShareOneQueueAndOneActionLog) {
  PostgresCluster& cluster = PostgresCluster::shared();
  const std::string url = cluster.create_database();
  const std::string database = url.substr(url.rfind('/') + 1);
  const std::string url_without_password = "postgresql://" + std::string(PostgresCluster::kRole) +
                                           "@127.0.0.1:" + std::to_string(cluster.port()) + "/" +
                                           database;
  const std::string pgpass = dir_.path() + "/pgpass";
  std::ofstream(pgpass) << "127.0.0.1:" << cluster.port() << ":" << database << ":"
                        << PostgresCluster::kRole << ":" << PostgresCluster::kPassword << "\n";
  ASSERT_EQ(chmod(pgpass.c_str(), 0600), 0);  // libpq ignores a file others can read
  setenv("PGPASSFILE", pgpass.c_str(), 1);

  SmtpSink sink;
  const std::string relay = "next_hop = \"127.0.0.1:" + std::to_string(sink.port()) + "\"";
  const std::string release = "relay = \"127.0.0.1:" + std::to_string(sink.port()) + "\"";
  // Each gateway's review UI, signed in by a (trusted, loopback) proxy's user header.
  const auto review = [](std::uint16_t port) {
    return "enabled = true\nlisten = [\"127.0.0.1:" + std::to_string(port) +
           "\"]\ntrusted_proxies = [\"127.0.0.1\"]\nuser_header = \"X-Remote-User\"";
  };
  const std::uint16_t review_port = free_port();
  const std::uint16_t second_review_port = free_port();
  first_ = std::make_unique<GalguardProcess>(
      dir_.path() + "/first", free_port(),
      std::map<std::string, std::string>{{"quarantine", "database = \"" + url + "\""},
                                         {"relay", relay},
                                         {"release", release},
                                         {"review", review(review_port)}});
  second_ = std::make_unique<GalguardProcess>(
      dir_.path() + "/second", free_port(),
      std::map<std::string, std::string>{
          {"quarantine", "database = \"" + url_without_password + "\""},
          {"relay", relay},
          {"release", release},
          {"review", review(second_review_port)}});
  first_->start();
  second_->start();

  // The password is in neither log; the one written in the URL is warned about.
  for (const auto* gateway : {first_.get(), second_.get()}) {
    EXPECT_EQ(gateway->log().find(PostgresCluster::kPassword), std::string::npos) << gateway->log();
    EXPECT_NE(gateway->log().find("quarantine postgresql://galguard"), std::string::npos)
        << gateway->log();
  }
  EXPECT_NE(first_->log().find("galguard:***@127.0.0.1"), std::string::npos) << first_->log();
  EXPECT_NE(first_->log().find("password is written in the URL"), std::string::npos);
  EXPECT_EQ(second_->log().find("password is written in the URL"), std::string::npos);
  int status = 0;
  const std::string checked = first_->cli("config check", &status);
  EXPECT_EQ(status, 0) << checked;
  EXPECT_NE(checked.find("password is written in the URL"), std::string::npos) << checked;
  EXPECT_NE(checked.find("database = \"postgresql://galguard:***@127.0.0.1:"), std::string::npos)
      << checked;
  EXPECT_EQ(checked.find(PostgresCluster::kPassword), std::string::npos) << checked;

  // Each gateway holds the reference case.
  for (const auto* gateway : {first_.get(), second_.get()}) {
    const std::string reply = send_message(gateway->port(), kReference, kFrom, {kReferenceRcpt});
    EXPECT_NE(reply.find("held for review"), std::string::npos) << reply;
  }
  EXPECT_EQ(sink.count(), 0);

  // Either gateway's DPO sees both.
  const auto seen_by_first = quarantine_list(*first_);
  const auto seen_by_second = quarantine_list(*second_);
  ASSERT_EQ(ids_in(seen_by_first).size(), 2u) << seen_by_first.dump();
  EXPECT_EQ(ids_in(seen_by_first), ids_in(seen_by_second));
  const std::string first_id = seen_by_first[0]["id"];
  const std::string second_id = seen_by_first[1]["id"];
  // The DPO's account, made through one gateway, is known to both; either UI's queue page shows
  // both held messages.
  const std::string password_file = dir_.path() + "/password";
  std::ofstream(password_file) << "correct horse battery staple\n";
  const std::string added =
      first_->cli("users add dpo --role dpo --password-file " + password_file, &status);
  ASSERT_EQ(status, 0) << added;
  for (const std::uint16_t port : {review_port, second_review_port}) {
    const std::string queue = http_get(port, "/queue", "X-Remote-User: dpo\r\n");
    EXPECT_EQ(queue.rfind("HTTP/1.1 200", 0), 0u) << queue.substr(0, 300);
    EXPECT_NE(queue.find(first_id), std::string::npos) << port;
    EXPECT_NE(queue.find(second_id), std::string::npos) << port;
  }

  // Released through the first gateway's config, seen as released by the second.
  const std::string released = first_->cli(
      "quarantine release " + second_id + " --reason 'confirmed with the sender' --actor dpo",
      &status);
  EXPECT_EQ(status, 0) << released;
  EXPECT_TRUE(sink.wait_for_count(1, 20s));
  EXPECT_EQ(state_of(quarantine_list(*second_), second_id), "released");
  EXPECT_EQ(state_of(quarantine_list(*second_), first_id), "held");
  // ... and the second cannot release it again.
  const std::string again =
      second_->cli("quarantine release " + second_id + " --reason again --actor dpo", &status);
  EXPECT_NE(status, 0) << again;

  // One chain, written by both gateways and the CLI, intact.
  const std::string verified = second_->cli("quarantine verify", &status);
  EXPECT_EQ(status, 0) << verified;
  // Two holds, the account, the release.
  EXPECT_NE(verified.find("intact, 4 rows"), std::string::npos) << verified;
  EXPECT_EQ(verified.find(PostgresCluster::kPassword), std::string::npos) << verified;
  const std::string verified_by_first = first_->cli("quarantine verify", &status);
  EXPECT_NE(verified_by_first.find("action log of postgresql://galguard:***@127.0.0.1"),
            std::string::npos)
      << verified_by_first;
}

}  // namespace
}  // namespace galguard::testing
