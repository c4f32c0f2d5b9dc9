#include "gateway/relay/handshake.hpp"

#include <fmt/format.h>

#include "gateway/relay/outcome.hpp"

namespace galguard::relay {
namespace {

namespace asio = boost::asio;

// Writes one command and reads its reply; a failure becomes the Outcome to return.
asio::awaitable<std::optional<Outcome>> exchange(Connection& connection, const Settings& settings,
                                                 std::string command, Phase phase,
                                                 smtp::Reply& reply) {
  Failure failure = co_await connection.write(command, settings.timeouts.command);
  if (failure.ok()) failure = co_await connection.read_reply(reply, settings.timeouts.command);
  if (!failure.ok()) co_return unavailable(settings, phase, failure);
  co_return std::nullopt;
}

}  // namespace

asio::awaitable<Opened> open_connection(asio::any_io_executor executor, const Settings& settings) {
  auto connection = std::make_unique<Connection>(executor);
  Opened opened;
  Failure failure = co_await connection->connect(settings.next_hop, settings.timeouts.connect);
  if (!failure.ok()) {
    opened.failure = unavailable(settings, Phase::connect, failure);
    co_return opened;
  }

  smtp::Reply reply;
  failure = co_await connection->read_reply(reply, settings.timeouts.greeting);
  if (!failure.ok()) {
    opened.failure = unavailable(settings, Phase::greeting, failure);
    co_return opened;
  }
  if (reply.code != 220) {
    connection->quit_and_close();
    opened.failure = not_served(settings, reply);
    co_return opened;
  }

  std::optional<Outcome> broken = co_await exchange(
      *connection, settings, fmt::format("EHLO {}\r\n", settings.helo_name), Phase::helo, reply);
  if (broken) {
    opened.failure = std::move(*broken);
    co_return opened;
  }
  if (reply.code / 100 == 2) {
    connection->extensions = parse_ehlo(reply);
  } else if (reply.code / 100 == 5) {
    // An SMTP server without ESMTP: no extensions, one command at a time.
    broken = co_await exchange(*connection, settings,
                               fmt::format("HELO {}\r\n", settings.helo_name), Phase::helo, reply);
    if (broken) {
      opened.failure = std::move(*broken);
      co_return opened;
    }
  }
  if (reply.code / 100 != 2) {
    connection->quit_and_close();
    opened.failure = not_served(settings, reply);
    co_return opened;
  }
  opened.connection = std::move(connection);
  co_return opened;
}

}  // namespace galguard::relay
