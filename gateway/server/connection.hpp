// One SMTP session on one TCP connection: bytes → LineReader → smtp::Session → replies, with
// the RFC 5321 §4.5.3.2 timeouts, RFC 2920 pipelining (replies are written when the client's
// batch is used up), STARTTLS, and the Gate at the end of each message.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>
#include "gateway/net/awaitable.hpp"

#include "gateway/config/config.hpp"
#include "gateway/server/gate.hpp"
#include "gateway/server/log.hpp"
#include "gateway/smtp/line_reader.hpp"
#include "gateway/smtp/session.hpp"

namespace galguard::server {

struct ConnectionSettings {
  smtp::Options smtp;
  config::ServerTimeouts timeouts;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, const ConnectionSettings& settings,
             boost::asio::ssl::context* tls, Gate& gate, Log& log);

  boost::asio::awaitable<void> run();
  // SIGTERM: an idle session is told 421 and closed now; one in a transaction finishes it first.
  void drain();
  // The grace period is over: cut the connection.
  void abort();

 private:
  boost::asio::awaitable<void> serve();
  boost::asio::awaitable<bool> read_more(std::chrono::milliseconds timeout);
  boost::asio::awaitable<void> flush();
  boost::asio::awaitable<void> start_tls();
  boost::asio::awaitable<void> say_and_close(const smtp::Reply& reply);
  bool idle() const;
  static boost::asio::ssl::context& dummy_context();

  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream_;
  boost::asio::steady_timer watchdog_;
  const ConnectionSettings& settings_;
  boost::asio::ssl::context* tls_context_;
  Gate& gate_;
  Log& log_;
  Peer peer_;
  smtp::Session session_;
  smtp::LineReader reader_;
  std::string out_;
  bool tls_ = false;
  bool draining_ = false;
  bool timed_out_ = false;
  bool deciding_ = false;
  int errors_ = 0;
};

}  // namespace galguard::server
