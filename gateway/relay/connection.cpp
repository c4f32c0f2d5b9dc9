#include "gateway/relay/connection.hpp"

#include <array>

#include <fmt/format.h>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "gateway/relay/reply_reader.hpp"
#include "gateway/relay/watchdog.hpp"

namespace galguard::relay {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

std::string timed_out(std::chrono::milliseconds timeout) {
  return fmt::format("no answer within {} ms", timeout.count());
}

}  // namespace

Connection::Connection(const asio::any_io_executor& executor) : socket_(executor) {}

asio::awaitable<Failure> Connection::connect(const net::Endpoint& endpoint,
                                             std::chrono::milliseconds timeout) {
  const auto executor = socket_.get_executor();
  tcp::resolver resolver(executor);
  error_code error;
  tcp::resolver::results_type addresses;
  {
    Watchdog watchdog(executor, Clock::now() + timeout, [&resolver] { resolver.cancel(); });
    addresses = co_await resolver.async_resolve(endpoint.host, std::to_string(endpoint.port),
                                                tcp::resolver::numeric_service,
                                                asio::redirect_error(asio::use_awaitable, error));
    if (watchdog.fired()) co_return Failure{Failure::Kind::unreachable, "name lookup timed out"};
  }
  if (error) co_return Failure{Failure::Kind::unreachable, error.message()};

  // Each address gets the whole timeout, as Postfix's smtp_connect_timeout: an IPv6 address
  // that is black-holed must not use up the time of the IPv4 one after it.
  Failure last{Failure::Kind::unreachable, "no address"};
  for (const auto& entry : addresses) {
    close();
    socket_.open(entry.endpoint().protocol(), error);
    if (error) {
      last.detail = error.message();
      continue;
    }
    Watchdog watchdog(executor, Clock::now() + timeout, [this] { close(); });
    co_await socket_.async_connect(entry.endpoint(),
                                   asio::redirect_error(asio::use_awaitable, error));
    if (watchdog.fired()) {
      last.detail = fmt::format("connect timed out after {} ms", timeout.count());
      continue;
    }
    if (error) {
      last.detail = error.message();
      continue;
    }
    // Batches and data chunks are whole writes; Nagle would only hold back the last piece.
    socket_.set_option(tcp::no_delay(true), error);
    input_.clear();
    co_return Failure{};
  }
  close();
  co_return last;
}

asio::awaitable<Failure> Connection::write(std::string_view bytes,
                                           std::chrono::milliseconds timeout) {
  if (!socket_.is_open()) co_return Failure{Failure::Kind::lost, "connection closed"};
  Watchdog watchdog(socket_.get_executor(), Clock::now() + timeout, [this] { close(); });
  error_code error;
  co_await asio::async_write(socket_, asio::buffer(bytes.data(), bytes.size()),
                             asio::redirect_error(asio::use_awaitable, error));
  if (watchdog.fired()) co_return Failure{Failure::Kind::timeout, timed_out(timeout)};
  if (error) co_return Failure{Failure::Kind::lost, error.message()};
  co_return Failure{};
}

asio::awaitable<Failure> Connection::read_reply(smtp::Reply& reply,
                                                std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  std::array<char, 4096> buffer;
  for (;;) {
    ReplyParse parsed = parse_reply(input_);
    if (parsed.status == ReplyParse::Status::complete) {
      reply = std::move(parsed.reply);
      input_.erase(0, parsed.consumed);
      co_return Failure{};
    }
    if (parsed.status == ReplyParse::Status::malformed)
      co_return Failure{Failure::Kind::malformed, std::move(parsed.error)};
    if (!socket_.is_open()) co_return Failure{Failure::Kind::lost, "connection closed"};

    Watchdog watchdog(socket_.get_executor(), deadline, [this] { close(); });
    error_code error;
    const std::size_t n = co_await socket_.async_read_some(
        asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, error));
    if (watchdog.fired()) co_return Failure{Failure::Kind::timeout, timed_out(timeout)};
    if (error == asio::error::eof)
      co_return Failure{Failure::Kind::lost, "connection closed by the next hop"};
    if (error) co_return Failure{Failure::Kind::lost, error.message()};
    input_.append(buffer.data(), n);
  }
}

bool Connection::looks_alive() {
  if (!socket_.is_open() || !input_.empty()) return false;
  error_code error;
  socket_.non_blocking(true, error);
  if (error) return false;
  char octet = 0;
  socket_.read_some(asio::buffer(&octet, 1), error);
  error_code ignored;
  socket_.non_blocking(false, ignored);
  // Nothing to read is the only good answer: EOF, a reset, or an unasked reply (a 421 before
  // the hop closed) all mean the connection is done.
  return error == asio::error::would_block || error == asio::error::try_again;
}

void Connection::quit_and_close() {
  if (socket_.is_open()) {
    error_code ignored;
    socket_.non_blocking(true, ignored);
    socket_.write_some(asio::buffer(std::string_view{"QUIT\r\n"}), ignored);
  }
  close();
}

void Connection::close() {
  error_code ignored;
  socket_.close(ignored);
}

}  // namespace galguard::relay
