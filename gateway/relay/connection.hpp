// One TCP connection to the next hop: connect, write a batch, read one reply, each under its
// own deadline. Failures come back as values the transaction maps to an Outcome.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/net/awaitable.hpp"
#include "gateway/net/endpoint.hpp"
#include "gateway/relay/extensions.hpp"
#include "gateway/smtp/reply.hpp"

namespace galguard::relay {

using Clock = std::chrono::steady_clock;

struct Failure {
  enum class Kind {
    none,
    unreachable,  // resolve or TCP connect failed
    timeout,      // a deadline passed
    lost,         // EOF, reset, or a write that failed
    malformed,    // bytes that are not an SMTP reply
  };
  Kind kind = Kind::none;
  std::string detail;  // "Connection refused", "no reply within 5s"
  bool ok() const { return kind == Kind::none; }
};

class Connection {
 public:
  explicit Connection(const boost::asio::any_io_executor& executor);

  // Resolves the host and tries its addresses in turn, each with its own deadline.
  boost::asio::awaitable<Failure> connect(const net::Endpoint& endpoint,
                                          std::chrono::milliseconds timeout);
  // One async_write of the whole batch.
  boost::asio::awaitable<Failure> write(std::string_view bytes, std::chrono::milliseconds timeout);
  // The next complete reply; bytes after it stay buffered for the next call (PIPELINING).
  boost::asio::awaitable<Failure> read_reply(smtp::Reply& reply, std::chrono::milliseconds timeout);

  // For a connection taken from the idle pool: false when the hop has closed it or said
  // something unasked (a 421 before closing) while it sat idle. Does not block.
  bool looks_alive();
  // Best effort "QUIT" without waiting for the answer, then close: for a connection we drop.
  void quit_and_close();
  void close();
  bool is_open() const { return socket_.is_open(); }

  Extensions extensions;
  Clock::time_point idle_since{};

 private:
  boost::asio::ip::tcp::socket socket_;
  std::string input_;  // received, not yet parsed
};

}  // namespace galguard::relay
