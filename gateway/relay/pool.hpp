// Idle connections to the next hop, kept between messages (Postfix's connection cache): the
// most recently used is taken first, each is closed after idle_timeout, and at most
// max_idle_connections are kept.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "gateway/relay/client.hpp"
#include "gateway/relay/connection.hpp"

namespace galguard::relay {

class Pool : public std::enable_shared_from_this<Pool> {
 public:
  Pool(boost::asio::any_io_executor executor, Settings settings);
  ~Pool();

  // An idle connection that still looks alive, or null.
  std::unique_ptr<Connection> take();
  // Keeps the connection for the next message, or closes it when the pool is full.
  void put(std::unique_ptr<Connection> connection);
  std::vector<std::unique_ptr<Connection>> take_all();

  const boost::asio::any_io_executor& executor() const { return executor_; }
  const Settings& settings() const { return settings_; }
  Client::Stats stats;

 private:
  struct Idle {
    std::uint64_t id;
    std::unique_ptr<Connection> connection;
    std::unique_ptr<boost::asio::steady_timer> timer;
  };
  void expire(std::uint64_t id);

  boost::asio::any_io_executor executor_;
  Settings settings_;
  std::vector<Idle> idle_;  // oldest first
  std::uint64_t next_id_ = 0;
};

}  // namespace galguard::relay
