// send_blocking runs its own io_context; the hop runs on another thread here.
#include <gtest/gtest.h>

#include <thread>

#include "fake_hop.hpp"

namespace galguard::relay::testing {
namespace {

TEST(RelaySendBlocking, DeliversAndSaysQuit) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  const Settings settings = settings_for(hop);
  auto guard = asio::make_work_guard(io);
  std::thread server([&io] { io.run(); });
  const Outcome outcome = send_blocking(settings, transaction(kMessage));
  // The hop's record belongs to its thread: stop it before reading.
  asio::post(io, [&hop] { hop.stop(); });
  guard.reset();
  io.stop();
  server.join();
  EXPECT_EQ(outcome.kind, Outcome::Kind::accepted);
  ASSERT_EQ(hop.record().messages.size(), 1u);
  EXPECT_EQ(hop.record().messages[0], kMessage);
  EXPECT_TRUE(hop.record().saw("QUIT"));
}

TEST(RelaySendBlocking, UnreachableHop) {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  Settings settings;
  settings.next_hop = {"127.0.0.1", acceptor.local_endpoint().port()};
  acceptor.close();
  const Outcome outcome = send_blocking(settings, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Outcome::Kind::unavailable);
  EXPECT_EQ(outcome.reply.code, 451);
  EXPECT_EQ(outcome.reply.enhanced, "4.4.1");
}

}  // namespace
}  // namespace galguard::relay::testing
