#include "gateway/server/connection.hpp"

#include <fmt/format.h>

#include <array>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace galguard::server {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// RFC 2920 §4 lets a server write replies as it likes; writing once the client's batch is used
// up is what keeps pipelining fast. A client that pipelines without reading its replies would
// grow this buffer without bound, so past this size we write (and TCP pushes back on it).
constexpr std::size_t kMaxPendingReplies = 64 * 1024;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr int kHardErrorLimit = 20;

}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, const ConnectionSettings& settings,
                       asio::ssl::context* tls, Gate& gate, Log& log)
    : stream_(std::move(socket), *(tls ? tls : &dummy_context())),
      watchdog_(stream_.get_executor()),
      settings_(settings),
      tls_context_(tls),
      gate_(gate),
      log_(log),
      session_(settings.smtp),
      reader_(settings.smtp.limits.max_line) {
  error_code error;
  // Replies are written once per client batch already; Nagle would only hold the last one back
  // until the client's delayed ACK (40 ms on Linux).
  stream_.next_layer().set_option(asio::ip::tcp::no_delay(true), error);
  const auto remote = stream_.next_layer().remote_endpoint(error);
  if (!error) peer_.addr = remote.address().to_string();
}

asio::ssl::context& Connection::dummy_context() {
  // ssl::stream needs a context even when TLS is never started on it.
  static asio::ssl::context context(asio::ssl::context::tls_server);
  return context;
}

bool Connection::idle() const {
  using State = smtp::Session::State;
  return !deciding_ && (session_.state() == State::connected || session_.state() == State::greeted);
}

void Connection::drain() {
  draining_ = true;
  if (idle()) {
    error_code ignored;
    stream_.next_layer().cancel(ignored);
  }
}

void Connection::abort() {
  error_code ignored;
  stream_.next_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.next_layer().close(ignored);
}

asio::awaitable<void> Connection::run() {
  auto self = shared_from_this();
  try {
    co_await serve();
  } catch (const std::exception& e) {
    log_.warning(
        fmt::format("connection from {}: {}", client_label(peer_.name, peer_.addr), e.what()));
  }
  abort();
}

// Arms the watchdog: if the operation is still pending at the deadline, cancel it.
asio::awaitable<bool> Connection::read_more(std::chrono::milliseconds timeout) {
  std::array<char, kReadChunk> buffer;
  watchdog_.expires_after(timeout);
  watchdog_.async_wait([this, self = shared_from_this()](error_code error) {
    if (error) return;
    timed_out_ = true;
    error_code ignored;
    stream_.next_layer().cancel(ignored);
  });
  error_code error;
  const std::size_t n =
      tls_ ? co_await stream_.async_read_some(asio::buffer(buffer),
                                              asio::redirect_error(asio::use_awaitable, error))
           : co_await stream_.next_layer().async_read_some(
                 asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, error));
  watchdog_.cancel();
  if (error) co_return false;
  reader_.feed({buffer.data(), n});
  co_return true;
}

asio::awaitable<void> Connection::flush() {
  if (out_.empty()) co_return;
  watchdog_.expires_after(settings_.timeouts.command);
  watchdog_.async_wait([this, self = shared_from_this()](error_code error) {
    if (error) return;
    timed_out_ = true;
    abort();
  });
  std::string pending = std::move(out_);
  out_.clear();
  if (tls_)
    co_await asio::async_write(stream_, asio::buffer(pending), asio::use_awaitable);
  else
    co_await asio::async_write(stream_.next_layer(), asio::buffer(pending), asio::use_awaitable);
  watchdog_.cancel();
}

asio::awaitable<void> Connection::say_and_close(const smtp::Reply& reply) {
  out_ += reply.wire();
  error_code ignored;
  try {
    co_await flush();
  } catch (const std::exception&) {
    // The client is gone or stuck; there is nobody left to tell.
  }
  abort();
}

asio::awaitable<void> Connection::start_tls() {
  co_await flush();
  // Anything pipelined after STARTTLS was sent in the clear: drop it (RFC 3207 §4.2).
  reader_.discard_buffered();
  watchdog_.expires_after(settings_.timeouts.command);
  watchdog_.async_wait([this, self = shared_from_this()](error_code error) {
    if (!error) abort();
  });
  co_await stream_.async_handshake(asio::ssl::stream_base::server, asio::use_awaitable);
  watchdog_.cancel();
  tls_ = true;
  session_.on_tls_started();
}

asio::awaitable<void> Connection::serve() {
  out_ += session_.greeting().wire();
  for (;;) {
    while (auto line = reader_.next()) {
      if (session_.in_data()) {
        smtp::DataLine result = session_.on_data_line(*line);
        if (result.kind == smtp::DataLine::Kind::more) continue;
        if (result.kind == smtp::DataLine::Kind::complete) {
          co_await flush();
          deciding_ = true;
          result.reply = co_await gate_.on_message(session_.envelope(), session_.message(), peer_);
          deciding_ = false;
          session_.message_done();
        }
        out_ += result.reply.wire();
        continue;
      }
      const smtp::Reply reply = session_.on_line(*line);
      out_ += reply.wire();
      // Postfix's smtpd_hard_error_limit: a client that keeps getting 5xx is broken or probing.
      if (reply.code >= 500 && ++errors_ >= kHardErrorLimit) {
        co_await say_and_close(smtp::standard(smtp::Standard::too_many_errors));
        co_return;
      }
      if (session_.closed()) {
        co_await flush();
        co_return;
      }
      if (session_.tls_requested() && tls_context_ != nullptr) {
        co_await start_tls();
        break;
      }
      if (out_.size() > kMaxPendingReplies) co_await flush();
    }
    co_await flush();
    if (draining_ && idle()) {
      co_await say_and_close(
          smtp::standard(smtp::Standard::shutting_down, "Service shutting down, try later"));
      co_return;
    }
    const bool in_data = session_.in_data();
    if (!co_await read_more(in_data ? settings_.timeouts.data_block : settings_.timeouts.command)) {
      if (timed_out_) {
        log_.info(fmt::format("timeout after {} from {}", in_data ? "DATA" : "command",
                              client_label(peer_.name, peer_.addr)));
        co_await say_and_close(smtp::standard(smtp::Standard::timeout));
      } else if (draining_ && idle()) {
        co_await say_and_close(
            smtp::standard(smtp::Standard::shutting_down, "Service shutting down, try later"));
      } else if (in_data) {
        // Nothing was acknowledged, so nothing is lost: the client still has the message.
        log_.info(fmt::format("lost connection after DATA from {}; message discarded",
                              client_label(peer_.name, peer_.addr)));
      }
      co_return;
    }
  }
}

}  // namespace galguard::server
