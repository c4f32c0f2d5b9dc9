// The SMTP client to the next hop (DESIGN.md §4): Postfix's re-injection smtpd in after-queue
// mode, the MTA itself in before-queue mode, the release relay for `quarantine release`.
// The gateway answers 250 only after this returns accepted, so every way the next hop can fail
// has to come back as an Outcome, never be swallowed.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/net/awaitable.hpp"
#include "gateway/net/endpoint.hpp"
#include "gateway/smtp/command.hpp"
#include "gateway/smtp/reply.hpp"

namespace galguard::relay {

// RFC 5321 §4.5.3.2 client timeouts, shortened where a content filter must give up before the
// MTA in front of it gives up on the filter.
struct Timeouts {
  std::chrono::milliseconds connect{30'000};
  std::chrono::milliseconds greeting{300'000};
  std::chrono::milliseconds command{300'000};  // EHLO, XFORWARD, MAIL, RCPT, RSET, QUIT
  std::chrono::milliseconds data_init{120'000};
  std::chrono::milliseconds data_block{180'000};
  std::chrono::milliseconds data_end{600'000};
};

struct Settings {
  net::Endpoint next_hop{"127.0.0.1", 10026};
  std::string helo_name = "localhost";
  Timeouts timeouts;
  // Connections kept open between messages (Postfix's smtp_connection_cache_* idea).
  std::size_t max_idle_connections = 8;
  std::chrono::milliseconds idle_timeout{30'000};
};

struct Transaction {
  std::string sender;  // empty = null reverse path
  std::vector<std::string> recipients;
  smtp::MailParameters parameters;  // BODY=8BITMIME / SMTPUTF8 / SIZE, passed on when offered
  smtp::Xforward xforward;          // sent when the next hop offers XFORWARD
  std::string_view message;         // unstuffed, CRLF line ends; the client dot-stuffs it
};

struct Outcome {
  enum class Kind {
    accepted,     // the next hop's 250 to the end of data
    refused,      // the next hop's own 4xx/5xx (to MAIL, any RCPT, DATA or end of data), or
                  // ours for mail no hop could take as it is (550 5.6.7: SMTPUTF8 not offered)
    unavailable,  // could not connect, timed out, connection lost: our own 451 4.4.x
  };
  Kind kind = Kind::unavailable;
  smtp::Reply reply;  // what to tell our client (the next hop's words for accepted/refused)
  std::string relay;  // "127.0.0.1:10026", for the log line
};

class Client {
 public:
  Client(boost::asio::any_io_executor executor, Settings settings);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // One message to all its recipients. Reuses an idle connection when one is open.
  boost::asio::awaitable<Outcome> send(Transaction transaction);
  // QUIT and close the idle connections (at shutdown).
  boost::asio::awaitable<void> close_idle();

  const Settings& settings() const;

  // For the log and the tests: how often a connection was opened, reused, or retried after a
  // reused one turned out dead.
  struct Stats {
    std::size_t connections_opened = 0;
    std::size_t connections_reused = 0;
    std::size_t retries = 0;
  };
  Stats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One transaction on its own io_context, for the command line (quarantine release).
Outcome send_blocking(const Settings& settings, Transaction transaction);

}  // namespace galguard::relay
