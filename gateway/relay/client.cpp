#include "gateway/relay/client.hpp"

#include <algorithm>

#include <boost/asio/use_awaitable.hpp>

#include "gateway/relay/handshake.hpp"
#include "gateway/relay/pool.hpp"
#include "gateway/relay/transaction.hpp"

namespace galguard::relay {
namespace {

namespace asio = boost::asio;

// A coroutine of its own holding the pool, so a send in progress keeps it alive even if the
// Client goes first.
asio::awaitable<Outcome> deliver(std::shared_ptr<Pool> pool, Transaction transaction) {
  const Settings& settings = pool->settings();
  for (bool retry = false;; retry = true) {
    // A retry always gets a fresh connection: the other idle ones may be as dead as the first.
    std::unique_ptr<Connection> connection = retry ? nullptr : pool->take();
    const bool reused = connection != nullptr;
    if (reused) {
      ++pool->stats.connections_reused;
    } else {
      Opened opened = co_await open_connection(pool->executor(), settings);
      if (!opened.connection) co_return std::move(opened.failure);
      ++pool->stats.connections_opened;
      connection = std::move(opened.connection);
    }
    Attempt attempt = co_await run_transaction(*connection, settings, transaction);
    if (attempt.reusable) {
      pool->put(std::move(connection));
    } else {
      connection->close();
    }
    // A reused connection the hop had closed while it sat idle: nothing of this transaction
    // reached it, so once more on a new connection. Never after the end-of-data dot was sent
    // (dead_before_reply is false by then: DATA had been answered).
    if (reused && attempt.dead_before_reply) {
      ++pool->stats.retries;
      continue;
    }
    co_return std::move(attempt.outcome);
  }
}

// QUIT to every idle connection at once, then the replies under one deadline, so shutdown takes
// one round trip however many connections were open.
asio::awaitable<void> quit_all(std::shared_ptr<Pool> pool) {
  std::vector<std::unique_ptr<Connection>> connections = pool->take_all();
  // At shutdown nobody waits for a polite goodbye from a hop that hangs.
  const auto timeout = std::min<std::chrono::milliseconds>(pool->settings().timeouts.command,
                                                           std::chrono::seconds{5});
  for (auto& connection : connections)
    co_await connection->write("QUIT\r\n", timeout);
  const Clock::time_point deadline = Clock::now() + timeout;
  for (auto& connection : connections) {
    if (connection->is_open()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::max(deadline - Clock::now(), Clock::duration::zero()));
      smtp::Reply reply;
      co_await connection->read_reply(reply, left);
    }
    connection->close();
  }
}

}  // namespace

struct Client::Impl {
  std::shared_ptr<Pool> pool;
};

Client::Client(asio::any_io_executor executor, Settings settings)
    : impl_(std::make_unique<Impl>(
          Impl{std::make_shared<Pool>(std::move(executor), std::move(settings))})) {}

Client::~Client() = default;

asio::awaitable<Outcome> Client::send(Transaction transaction) {
  return deliver(impl_->pool, std::move(transaction));
}

asio::awaitable<void> Client::close_idle() {
  return quit_all(impl_->pool);
}

const Settings& Client::settings() const {
  return impl_->pool->settings();
}

Client::Stats Client::stats() const {
  return impl_->pool->stats;
}

}  // namespace galguard::relay
