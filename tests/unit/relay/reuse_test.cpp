// Connections kept between messages: reuse, the idle limit and timeout, the one retry when a
// reused connection turns out dead, concurrent sends, and QUIT at shutdown.
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

TEST(RelayReuse, TwoMessagesOverOneConnection) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(send_one(io, client, transaction(kMessage, {"carol@example.org"})).kind,
            Kind::accepted);
  EXPECT_EQ(hop.record().connections, 1u);
  EXPECT_EQ(hop.record().messages.size(), 2u);
  EXPECT_EQ(hop.record().count("EHLO"), 1u);
  EXPECT_EQ(client.stats().connections_opened, 1u);
  EXPECT_EQ(client.stats().connections_reused, 1u);
}

// The hop closes the connection the moment the client starts the next transaction, before any
// reply: the client opens a new connection and the message goes through.
TEST(RelayReuse, DeadIdleConnectionIsRetriedOnAFreshOne) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.connection == 0 && e.message == 1 && e.verb == "MAIL") return kDrop;
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
  EXPECT_EQ(hop.record().messages.size(), 2u);
  EXPECT_EQ(client.stats().retries, 1u);
}

// Postfix's smtpd says "421 4.4.2 Error: timeout exceeded" to an idle client and hangs up.
TEST(RelayReuse, Idle421IsRetriedOnAFreshConnection) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.connection == 0 && e.message == 1 && e.verb == "MAIL")
      return "421 4.4.2 fake.example Error: timeout exceeded\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
  EXPECT_EQ(client.stats().retries, 1u);
}

// Only once: when the fresh connection fails too, that is the answer.
TEST(RelayReuse, RetryHappensOnlyOnce) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.connection > 0 || e.message == 1) {
      if (e.verb == "MAIL") return kDrop;
    }
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::unavailable);
  EXPECT_EQ(outcome.reply.enhanced, "4.4.2");
  EXPECT_EQ(hop.record().connections, 2u);
  EXPECT_EQ(client.stats().retries, 1u);
}

TEST(RelayReuse, HopThatClosedAnIdleConnectionIsNoFailure) {
  asio::io_context io;
  Script script;
  script.close_after_message = true;
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  run_for(io, milliseconds{50});
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
  EXPECT_EQ(hop.record().messages.size(), 2u);
  // Seen closed before use, so no transaction was started on it.
  EXPECT_EQ(client.stats().retries, 0u);
}

TEST(RelayReuse, IdleTimeoutClosesTheConnection) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Settings settings = settings_for(hop);
  settings.idle_timeout = milliseconds{50};
  Client client(io.get_executor(), settings);
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  run_for(io, milliseconds{200});
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
  EXPECT_EQ(client.stats().connections_reused, 0u);
}

TEST(RelayReuse, NoIdleConnectionsKeptWhenTheLimitIsZero) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Settings settings = settings_for(hop);
  settings.max_idle_connections = 0;
  Client client(io.get_executor(), settings);
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  run_for(io, milliseconds{50});
  EXPECT_EQ(hop.record().connections, 2u);
  EXPECT_EQ(hop.record().count("QUIT"), 2u);
}

// Two sends at once on one io_context each get their own connection; with room for one idle
// connection, the other says QUIT.
TEST(RelayReuse, ConcurrentSendsUseTheirOwnConnections) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Settings settings = settings_for(hop);
  settings.max_idle_connections = 1;
  Client client(io.get_executor(), settings);
  const std::string first = kMessage + "first\r\n", second = kMessage + "second\r\n";
  std::optional<Outcome> a, b;
  asio::co_spawn(io, client.send(transaction(first)),
                 [&](std::exception_ptr, Outcome o) { a = std::move(o); });
  asio::co_spawn(io, client.send(transaction(second)),
                 [&](std::exception_ptr, Outcome o) { b = std::move(o); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while ((!a || !b) && std::chrono::steady_clock::now() < deadline)
    io.run_one_for(milliseconds{100});
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->kind, Kind::accepted);
  EXPECT_EQ(b->kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
  ASSERT_EQ(hop.record().messages.size(), 2u);
  EXPECT_NE(hop.record().messages[0], hop.record().messages[1]);
  run_for(io, milliseconds{50});
  EXPECT_EQ(hop.record().count("QUIT"), 1u);
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
  EXPECT_EQ(client.stats().connections_reused, 1u);
}

TEST(RelayReuse, CloseIdleSaysQuit) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  run_until_done(io, client.close_idle());
  EXPECT_TRUE(hop.record().saw("QUIT"));
  EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
}

}  // namespace
}  // namespace galguard::relay::testing
