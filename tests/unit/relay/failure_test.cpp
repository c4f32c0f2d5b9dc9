// Every way the next hop can fail us becomes an unavailable Outcome with our own 451 4.4.x —
// never accepted, never a hang.
#include <gtest/gtest.h>

#include <string>

#include "fake_hop.hpp"

namespace galguard::relay::testing {
namespace {

using Kind = Outcome::Kind;
using std::chrono::milliseconds;

Outcome send_one(asio::io_context& io, Client& client, Transaction t) {
  return run_until_done(io, client.send(std::move(t)));
}

void expect_ours(const Outcome& outcome, std::string_view enhanced, std::string_view text) {
  EXPECT_EQ(outcome.kind, Kind::unavailable);
  EXPECT_EQ(outcome.reply.code, 451);
  EXPECT_EQ(outcome.reply.enhanced, enhanced);
  ASSERT_EQ(outcome.reply.lines.size(), 1u);
  EXPECT_NE(outcome.reply.lines[0].find(text), std::string::npos) << outcome.reply.lines[0];
}

TEST(RelayFailure, ClosedPortIsNotReachable) {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const std::uint16_t port = acceptor.local_endpoint().port();
  acceptor.close();
  Settings settings;
  settings.next_hop = {"127.0.0.1", port};
  Client client(io.get_executor(), settings);
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  expect_ours(outcome, "4.4.1",
              "next hop 127.0.0.1:" + std::to_string(port) + " not reachable: Connection refused");
  EXPECT_EQ(outcome.relay, "127.0.0.1:" + std::to_string(port));
}

TEST(RelayFailure, SilentHopTimesOut) {
  asio::io_context io;
  Script script;
  script.silent = true;
  FakeHop hop(io, script);
  Settings settings = settings_for(hop);
  settings.timeouts.greeting = milliseconds{200};
  Client client(io.get_executor(), settings);
  const auto start = std::chrono::steady_clock::now();
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  expect_ours(outcome, "4.4.2", "timed out while receiving the initial greeting");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds{3});
}

TEST(RelayFailure, NoReplyToACommandTimesOut) {
  asio::io_context io;
  Script script;
  script.ehlo = {};  // one command at a time, so the silence is the RCPT's
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.verb == "RCPT") return kSilence;
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Settings settings = settings_for(hop);
  settings.timeouts.command = milliseconds{200};
  Client client(io.get_executor(), settings);
  expect_ours(send_one(io, client, transaction(kMessage)), "4.4.2",
              "timed out while sending RCPT TO");
}

TEST(RelayFailure, NoReplyToTheEndOfDataTimesOut) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.verb == ".") return kSilence;
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Settings settings = settings_for(hop);
  settings.timeouts.data_end = milliseconds{200};
  Client client(io.get_executor(), settings);
  expect_ours(send_one(io, client, transaction(kMessage)), "4.4.2",
              "timed out while sending end of data -- message may be sent more than once");
  EXPECT_TRUE(hop.record().messages.empty());
}

// The hop read the dot and hung up: it may or may not have the message, but only a 250 is
// "accepted". And this is no dead idle connection to retry: the dot was sent.
TEST(RelayFailure, DroppedAfterTheDotIsUnavailableAndNotRetried) {
  asio::io_context io;
  int ends = 0;
  Script script;
  script.hook = [&ends](const Event& e) -> std::optional<std::string> {
    if (e.verb == "." && ends++ == 1) return kDrop;
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  // The second message goes over the reused connection, which dies after the dot.
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  expect_ours(
      outcome, "4.4.2",
      "lost connection with next hop " + hop.endpoint().text() + " while sending end of data");
  EXPECT_EQ(hop.record().connections, 1u);
  EXPECT_EQ(client.stats().retries, 0u);
  EXPECT_EQ(hop.record().messages.size(), 1u);
}

TEST(RelayFailure, GreetingOtherThan220IsNotServed) {
  asio::io_context io;
  Script script;
  script.greeting = "554 5.3.2 fake.example Service not available\r\n";
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  expect_ours(send_one(io, client, transaction(kMessage)), "4.4.1",
              "refused to talk to me: 554 5.3.2 fake.example Service not available");
}

// A 421 is the hop closing: not passed on (our client would take it as ours closing), and
// that connection is not used again.
TEST(RelayFailure, Hop421ClosesTheConnection) {
  asio::io_context io;
  int rcpts = 0;
  Script script;
  script.hook = [&rcpts](const Event& e) -> std::optional<std::string> {
    if (e.verb == "RCPT" && rcpts++ == 0) return "421 4.3.2 fake.example shutting down\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  expect_ours(send_one(io, client, transaction(kMessage)), "4.4.2",
              "closed the connection while sending RCPT TO: 421 4.3.2 fake.example shutting down");
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
}

TEST(RelayFailure, MalformedReplyIsUnavailable) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.verb == "MAIL") return "hello there\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  expect_ours(send_one(io, client, transaction(kMessage)), "4.4.2",
              "sent a malformed reply while sending MAIL FROM");
  EXPECT_TRUE(hop.record().messages.empty());
}

TEST(RelayFailure, ReplyOfTheWrongClassIsUnavailable) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.verb == "DATA") return "250 2.0.0 Ok\r\n";  // not 354
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  expect_ours(send_one(io, client, transaction(kMessage)), "4.4.2",
              "while sending DATA: unexpected reply 250 2.0.0 Ok");
}

TEST(RelayFailure, LostBeforeAnyReplyOnAFreshConnectionIsNotRetried) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.verb == "MAIL") return kDrop;
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  expect_ours(
      send_one(io, client, transaction(kMessage)), "4.4.2",
      "lost connection with next hop " + hop.endpoint().text() + " while sending MAIL FROM");
  EXPECT_EQ(hop.record().connections, 1u);
}

}  // namespace
}  // namespace galguard::relay::testing
