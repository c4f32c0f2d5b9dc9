#include "gateway/relay/pool.hpp"

#include <algorithm>

namespace galguard::relay {

Pool::Pool(boost::asio::any_io_executor executor, Settings settings)
    : executor_(std::move(executor)), settings_(std::move(settings)) {}

Pool::~Pool() {
  for (Idle& idle : idle_)
    idle.connection->close();
}

std::unique_ptr<Connection> Pool::take() {
  while (!idle_.empty()) {
    Idle idle = std::move(idle_.back());
    idle_.pop_back();
    idle.timer->cancel();
    if (idle.connection->looks_alive()) return std::move(idle.connection);
    idle.connection->close();
  }
  return nullptr;
}

void Pool::put(std::unique_ptr<Connection> connection) {
  if (!connection->is_open()) return;
  if (idle_.size() >= settings_.max_idle_connections) {
    connection->quit_and_close();
    return;
  }
  connection->idle_since = Clock::now();
  const std::uint64_t id = next_id_++;
  auto timer = std::make_unique<boost::asio::steady_timer>(executor_, settings_.idle_timeout);
  // By id and weak_ptr: the handler may run after the entry was taken, or after the pool is
  // gone.
  timer->async_wait([weak = weak_from_this(), id](const boost::system::error_code& error) {
    if (error) return;
    if (auto pool = weak.lock()) pool->expire(id);
  });
  idle_.push_back(Idle{id, std::move(connection), std::move(timer)});
}

std::vector<std::unique_ptr<Connection>> Pool::take_all() {
  std::vector<std::unique_ptr<Connection>> out;
  for (Idle& idle : idle_) {
    idle.timer->cancel();
    out.push_back(std::move(idle.connection));
  }
  idle_.clear();
  return out;
}

void Pool::expire(std::uint64_t id) {
  const auto it =
      std::find_if(idle_.begin(), idle_.end(), [id](const Idle& i) { return i.id == id; });
  if (it == idle_.end()) return;
  // Closed without QUIT, as Postfix's scache does: the hop sees the end of an idle session.
  it->connection->close();
  idle_.erase(it);
}

}  // namespace galguard::relay
