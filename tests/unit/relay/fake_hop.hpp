// An in-process next hop for the relay tests: an SMTP server on 127.0.0.1 port 0 with scripted
// replies, which records what it received (command lines, raw reads, the unstuffed messages it
// accepted). Runs on the test's io_context, so one thread drives client and server.
#pragma once

// First: Boost 1.74's co_spawn.hpp below needs it (see that header).
#include "gateway/net/awaitable.hpp"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway/net/endpoint.hpp"
#include "gateway/relay/client.hpp"

namespace galguard::relay::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

// What the hook sees: one command line, or "." for the end of data.
struct Event {
  std::size_t connection = 0;  // 0 for the first connection the hop accepted
  std::size_t message = 0;     // messages already accepted on this connection
  std::string verb;            // upper-cased; "." for the end of data
  std::string line;
};

// Hook answers besides a reply text: close without a reply, or never answer.
inline const std::string kDrop = "<drop>";
inline const std::string kSilence = "<silence>";

struct Script {
  std::string greeting = "220 fake.example ESMTP\r\n";
  std::vector<std::string> ehlo = {"PIPELINING", "SIZE 10240000", "8BITMIME",
                                   "ENHANCEDSTATUSCODES"};
  bool ehlo_refused = false;         // 502 to EHLO, so the client falls back to HELO
  bool silent = false;               // accept the connection, never send a byte
  bool close_after_message = false;  // close right after the 250 to the end of data
  // nullopt: the default reply; otherwise the reply (CRLF included), kDrop or kSilence.
  std::function<std::optional<std::string>(const Event&)> hook;
};

struct Record {
  std::size_t connections = 0;
  std::vector<std::string> lines;     // every command line, all connections, in order
  std::vector<std::string> chunks;    // every read, to see what arrived in one write
  std::vector<std::string> messages;  // unstuffed content of every accepted message
  std::size_t closed_mid_data = 0;    // connections that ended inside DATA content
  bool saw(std::string_view prefix) const {
    for (const std::string& line : lines)
      if (line.starts_with(prefix)) return true;
    return false;
  }
  std::size_t count(std::string_view prefix) const {
    std::size_t n = 0;
    for (const std::string& line : lines)
      n += line.starts_with(prefix) ? 1 : 0;
    return n;
  }
};

// GCC 12 flags Boost 1.74's coroutine frame deallocation with -Wmismatched-new-delete, a false
// positive (gateway/CMakeLists.txt turns it off for the components with coroutines); these are
// the test's own coroutines.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

class FakeHop {
 public:
  FakeHop(asio::io_context& io, Script script, const std::string& address = "127.0.0.1")
      : state_(std::make_shared<State>(io, std::move(script))) {
    const tcp::endpoint local(asio::ip::make_address(address), 0);
    state_->acceptor.open(local.protocol());
    state_->acceptor.set_option(tcp::acceptor::reuse_address(true));
    state_->acceptor.bind(local);
    state_->acceptor.listen();
    endpoint_ = net::Endpoint{address, state_->acceptor.local_endpoint().port()};
    asio::co_spawn(io, accept_loop(state_), asio::detached);
  }
  ~FakeHop() { stop(); }
  FakeHop(const FakeHop&) = delete;
  FakeHop& operator=(const FakeHop&) = delete;

  const net::Endpoint& endpoint() const { return endpoint_; }
  const Record& record() const { return state_->record; }
  void stop() {
    boost::system::error_code ignored;
    state_->acceptor.close(ignored);
    for (auto& weak : state_->sockets)
      if (auto socket = weak.lock()) socket->close(ignored);
  }

 private:
  struct State {
    State(asio::io_context& io, Script s) : acceptor(io), script(std::move(s)) {}
    tcp::acceptor acceptor;
    Script script;
    Record record;
    std::vector<std::weak_ptr<tcp::socket>> sockets;
  };

  static std::string upper(std::string text) {
    for (char& c : text)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return text;
  }

  static asio::awaitable<void> accept_loop(std::shared_ptr<State> state) {
    for (;;) {
      boost::system::error_code error;
      auto socket = std::make_shared<tcp::socket>(
          co_await state->acceptor.async_accept(asio::redirect_error(asio::use_awaitable, error)));
      if (error) co_return;
      state->sockets.push_back(socket);
      const std::size_t index = state->record.connections++;
      asio::co_spawn(state->acceptor.get_executor(), session(state, socket, index), asio::detached);
    }
  }

  static asio::awaitable<bool> send(tcp::socket& socket, const std::string& bytes) {
    boost::system::error_code error;
    co_await asio::async_write(socket, asio::buffer(bytes),
                               asio::redirect_error(asio::use_awaitable, error));
    co_return !error;
  }

  static std::string default_reply(const Script& script, const std::string& verb,
                                   std::size_t rcpts) {
    if (verb == "EHLO") {
      if (script.ehlo_refused) return "502 5.5.1 Error: command not implemented\r\n";
      std::string out = "250-fake.example\r\n";
      for (std::size_t i = 0; i < script.ehlo.size(); ++i)
        out += (i + 1 < script.ehlo.size() ? "250-" : "250 ") + script.ehlo[i] + "\r\n";
      if (script.ehlo.empty()) out = "250 fake.example\r\n";
      return out;
    }
    if (verb == "HELO") return "250 fake.example\r\n";
    if (verb == "XFORWARD" || verb == "RSET" || verb == "NOOP") return "250 2.0.0 Ok\r\n";
    if (verb == "MAIL") return "250 2.1.0 Ok\r\n";
    if (verb == "RCPT") return "250 2.1.5 Ok\r\n";
    if (verb == "DATA")
      return rcpts > 0 ? "354 End data with <CR><LF>.<CR><LF>\r\n"
                       : "554 5.5.1 Error: no valid recipients\r\n";
    if (verb == ".") return "250 2.0.0 Ok: queued as FAKE\r\n";
    if (verb == "QUIT") return "221 2.0.0 Bye\r\n";
    return "502 5.5.2 Error: command not recognized\r\n";
  }

  static asio::awaitable<void> session(std::shared_ptr<State> state,
                                       std::shared_ptr<tcp::socket> socket, std::size_t index) {
    Record& record = state->record;
    const Script& script = state->script;
    std::array<char, 8192> buffer;
    boost::system::error_code error;
    if (script.silent) {
      // Read and say nothing until the client gives up.
      while (!error)
        co_await socket->async_read_some(asio::buffer(buffer),
                                         asio::redirect_error(asio::use_awaitable, error));
      co_return;
    }
    if (!co_await send(*socket, script.greeting)) co_return;
    std::string input, content;
    bool in_data = false;
    std::size_t rcpts = 0, messages = 0;
    for (;;) {
      const std::size_t n = co_await socket->async_read_some(
          asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, error));
      if (error) {
        if (in_data) ++record.closed_mid_data;
        co_return;
      }
      record.chunks.emplace_back(buffer.data(), n);
      input.append(buffer.data(), n);
      std::string out;
      bool close = false;
      std::size_t end;
      while (!close && (end = input.find("\r\n")) != std::string::npos) {
        std::string line = input.substr(0, end);
        input.erase(0, end + 2);
        if (in_data && line != ".") {
          if (line.starts_with('.')) line.erase(0, 1);
          content += line + "\r\n";
          continue;
        }
        Event event{index, messages, in_data ? "." : upper(line.substr(0, line.find(' '))), line};
        if (!in_data) record.lines.push_back(line);
        std::string reply = default_reply(script, event.verb, rcpts);
        if (script.hook)
          if (auto hooked = script.hook(event)) reply = *hooked;
        if (reply == kDrop) {  // close now; replies not yet written are lost too
          out.clear();
          close = true;
          break;
        }
        if (reply == kSilence) continue;
        const bool positive = reply.starts_with('2');
        if (event.verb == "RCPT" && positive) ++rcpts;
        if (event.verb == "MAIL" || event.verb == "RSET") rcpts = 0;
        if (event.verb == "DATA" && reply.starts_with("354")) {
          in_data = true;
          content.clear();
        }
        if (event.verb == ".") {
          in_data = false;
          rcpts = 0;
          if (positive) {
            record.messages.push_back(content);
            ++messages;
            close = script.close_after_message;
          }
        }
        if (event.verb == "QUIT") close = true;
        out += reply;
      }
      if (!out.empty() && !co_await send(*socket, out)) co_return;
      if (close) {
        socket->close(error);
        co_return;
      }
    }
  }

  std::shared_ptr<State> state_;
  net::Endpoint endpoint_;
};

#pragma GCC diagnostic pop

// Runs the io_context until the task is done (or 20 s passed: a hang is a failure, not a stuck
// test run).
template <class T>
T run_until_done(asio::io_context& io, asio::awaitable<T> task) {
  std::optional<T> result;
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr error, T value) {
    failure = error;
    result = std::move(value);
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  while (!result && std::chrono::steady_clock::now() < deadline)
    io.run_one_for(std::chrono::milliseconds{100});
  if (failure) std::rethrow_exception(failure);
  if (!result) throw std::runtime_error("the relay did not finish within 20 s");
  return std::move(*result);
}

inline void run_until_done(asio::io_context& io, asio::awaitable<void> task) {
  bool done = false;
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr error) {
    failure = error;
    done = true;
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  while (!done && std::chrono::steady_clock::now() < deadline)
    io.run_one_for(std::chrono::milliseconds{100});
  if (failure) std::rethrow_exception(failure);
  if (!done) throw std::runtime_error("the task did not finish within 20 s");
}

// Lets time pass with the io_context running (idle timers, the hop closing connections).
inline void run_for(asio::io_context& io, std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < until)
    io.run_one_until(until);
}

// Settings for a test against hop: every deadline short enough that a hang fails fast.
inline Settings settings_for(const FakeHop& hop) {
  Settings settings;
  settings.next_hop = hop.endpoint();
  settings.helo_name = "gateway.example";
  const std::chrono::milliseconds five_seconds{5'000};
  settings.timeouts = {five_seconds, five_seconds, five_seconds,
                       five_seconds, five_seconds, five_seconds};
  return settings;
}

// message must outlive the send (Transaction holds a view).
inline Transaction transaction(std::string_view message,
                               std::vector<std::string> recipients = {"bob@example.org"}) {
  Transaction t;
  t.sender = "alice@example.org";
  t.recipients = std::move(recipients);
  t.message = message;
  return t;
}

inline const std::string kMessage =
    "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: test\r\n\r\nHello.\r\n";

}  // namespace galguard::relay::testing
