#include "gateway/server/milter_connection.hpp"

#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace galguard::server {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

// With the no-reply flags the MTA sends a message as a run of small packets and galguard sends
// nothing back until the end of the message, so no reply carries an ACK. The MTA's Nagle then
// holds each next packet until the kernel's delayed ACK (40 ms on Linux): 40 ms per message.
// Quick-ACK mode acknowledges at once; the kernel leaves it on its own, so it is set after
// every read.
void acknowledge_at_once(boost::asio::ip::tcp::socket& socket) {
  const int on = 1;
  ::setsockopt(socket.native_handle(), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
}

}  // namespace

MilterConnection::MilterConnection(asio::ip::tcp::socket socket,
                                   const MilterConnectionSettings& settings, MilterGate& gate,
                                   Log& log)
    : socket_(std::move(socket)),
      watchdog_(socket_.get_executor()),
      settings_(settings),
      gate_(gate),
      log_(log),
      session_(settings.session) {
  error_code error;
  // Every reply is one the MTA is waiting for: Nagle would hold it until the MTA's delayed ACK.
  socket_.set_option(asio::ip::tcp::no_delay(true), error);
  acknowledge_at_once(socket_);
  const auto remote = socket_.remote_endpoint(error);
  if (!error) peer_addr_ = remote.address().to_string();
}

std::string MilterConnection::peer() const {
  return client_label("", peer_addr_);
}

bool MilterConnection::idle() const {
  return !deciding_ && !session_.in_message();
}

void MilterConnection::drain() {
  draining_ = true;
  if (idle()) {
    error_code ignored;
    socket_.cancel(ignored);
  }
}

void MilterConnection::abort() {
  watchdog_.cancel();
  error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

asio::awaitable<void> MilterConnection::run() {
  auto self = shared_from_this();
  deadline_ = std::chrono::steady_clock::now() + settings_.timeout;
  asio::co_spawn(socket_.get_executor(), watch(), asio::detached);
  try {
    co_await serve();
  } catch (const std::exception& e) {
    log_.warning(fmt::format("milter connection from {}: {}", peer(), e.what()));
  }
  abort();
}

// One timer for the life of the connection, re-armed only when it fires: reads and writes just
// move the deadline. (Arming and cancelling a timer around each of the dozen packets of a message
// cost more than handling the packet.) Deadlines only move later, so waking at an old one and
// sleeping again until the new one is always right.
asio::awaitable<void> MilterConnection::watch() {
  auto self = shared_from_this();
  for (;;) {
    watchdog_.expires_at(deadline_);
    error_code error;
    co_await watchdog_.async_wait(asio::redirect_error(asio::use_awaitable, error));
    if (error || !socket_.is_open()) co_return;  // cancelled: the connection is over
    const auto now = std::chrono::steady_clock::now();
    if (deciding_) {
      // Judging and storing have their own limits; the MTA's content timeout covers the rest.
      deadline_ = now + settings_.timeout;
      continue;
    }
    if (now < deadline_) continue;
    // Said before the close, so whoever sees the connection closed finds the reason logged.
    log_.info(fmt::format("milter timeout after {} from {}",
                          session_.in_message() ? "a message began" : "the last packet", peer()));
    timed_out_ = true;
    abort();
    co_return;
  }
}

asio::awaitable<bool> MilterConnection::read_more() {
  std::array<char, kReadChunk> buffer;
  deadline_ = std::chrono::steady_clock::now() + settings_.timeout;
  error_code error;
  const std::size_t n = co_await socket_.async_read_some(
      asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, error));
  if (error) co_return false;
  acknowledge_at_once(socket_);
  reader_.feed({buffer.data(), n});
  co_return true;
}

asio::awaitable<void> MilterConnection::flush() {
  if (out_.empty()) co_return;
  deadline_ = std::chrono::steady_clock::now() + settings_.timeout;
  std::string pending = std::move(out_);
  out_.clear();
  co_await asio::async_write(socket_, asio::buffer(pending), asio::use_awaitable);
}

asio::awaitable<void> MilterConnection::serve() {
  for (;;) {
    while (auto packet = reader_.next()) {
      milter::Outcome step = session_.on_packet(*packet);
      for (const milter::Packet& reply : step.replies)
        out_ += milter::encode(reply);
      if (step.end_of_message) {
        deciding_ = true;
        // Named, not a temporary in the co_await (GCC 12).
        std::string raw = session_.bytes();
        const milter::Decision decision =
            co_await gate_.on_message(session_.client(), session_.message(), std::move(raw));
        deciding_ = false;
        for (const milter::Packet& reply : session_.finish_message(decision))
          out_ += milter::encode(reply);
        // The MTA waits for this answer; anything it pipelined after is answered later.
        co_await flush();
      }
      if (step.close) {
        if (!step.error.empty())
          log_.warning(fmt::format("milter connection from {}: {}; closing", peer(), step.error));
        co_await flush();
        co_return;
      }
    }
    if (reader_.failed()) {
      log_.warning(fmt::format("milter connection from {}: {}; closing", peer(), reader_.error()));
      co_return;
    }
    co_await flush();
    if (draining_ && idle()) co_return;
    if (!co_await read_more()) {
      if (!timed_out_ && session_.in_message())
        // The MTA still has the message: nothing was taken, nothing is lost.
        log_.info(fmt::format("lost milter connection during a message from {}", peer()));
      co_return;
    }
  }
}

}  // namespace galguard::server
