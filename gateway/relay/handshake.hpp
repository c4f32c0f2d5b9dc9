// A fresh connection made ready for transactions: TCP connect, the 220 greeting, EHLO (HELO
// when EHLO gets a 5xx, RFC 5321 §3.2) and the extensions the hop offers.
#pragma once

#include <memory>
#include <optional>

#include "gateway/relay/client.hpp"
#include "gateway/relay/connection.hpp"

namespace galguard::relay {

struct Opened {
  std::unique_ptr<Connection> connection;  // null when opening failed
  Outcome failure;                         // when it did: unavailable, our 451 4.4.x
};

boost::asio::awaitable<Opened> open_connection(boost::asio::any_io_executor executor,
                                               const Settings& settings);

}  // namespace galguard::relay
