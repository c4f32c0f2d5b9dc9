// Beast's HTTP/1.1 parser and serializer on coroutines; requests are handled one at a time on
// the listener's thread (the UI is for a handful of people), reads and writes are async so an
// idle or slow browser does not hold the others up.
#include "gateway/server/review_listener.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "gateway/net/awaitable.hpp"
#include "gateway/net/listen.hpp"
#include "gateway/quarantine/open_store.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "gateway/review/review_app.hpp"

namespace galguard::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using boost::system::error_code;

// A form with a reason and an incident record fit easily; anything larger is not ours.
constexpr std::uint64_t kBodyLimit = 256 * 1024;
// Idle keep-alive connections and slow requests are cut after this.
constexpr std::chrono::seconds kRequestTimeout{30};

}  // namespace

struct ReviewListener::Impl {
  Impl(const config::Config& config, Log& log, metrics::GatewayMetrics* metrics)
      : log(log),
        store(quarantine::open_quarantine(config.database)),
        app(config, *store, &quarantine::unix_now, metrics) {
    for (const auto& endpoint : config.review.listen) {
      acceptors.push_back(net::listen_on(io, endpoint));
      where.push_back("http://" + endpoint.text());
    }
  }

  asio::awaitable<void> accept_loop(tcp::acceptor& acceptor) {
    for (;;) {
      error_code error;
      tcp::socket socket =
          co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, error));
      if (error == asio::error::operation_aborted) co_return;
      if (error) {
        log.warning(fmt::format("review UI accept: {}", error.message()));
        continue;
      }
      asio::co_spawn(io, serve(beast::tcp_stream(std::move(socket))), asio::detached);
    }
  }

  asio::awaitable<void> serve(beast::tcp_stream stream) {
    error_code error;
    const std::string peer = stream.socket().remote_endpoint(error).address().to_string();
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(kBodyLimit);
      stream.expires_after(kRequestTimeout);
      co_await http::async_read(stream, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, error));
      if (error) {
        // A request over the limits or not HTTP gets an answer; a closed or idle connection
        // does not.
        if (error == http::error::body_limit || error == http::error::header_limit)
          co_await reply_error(stream, http::status::payload_too_large, "request too large");
        else if (error.category() == http::make_error_code(http::error::bad_method).category() &&
                 error != http::error::end_of_stream && error != http::error::partial_message)
          co_await reply_error(stream, http::status::bad_request, "not an HTTP/1.1 request");
        break;
      }
      review::Request request = parser.release();
      review::Response response = app.handle(request, peer);
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      stream.expires_after(kRequestTimeout);
      co_await http::async_write(stream, response,
                                 asio::redirect_error(asio::use_awaitable, error));
      if (error || !response.keep_alive()) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, error);
  }

  asio::awaitable<void> reply_error(beast::tcp_stream& stream, http::status status,
                                    std::string_view what) {
    review::Response response{status, 11};
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = fmt::format("{} {}\n", static_cast<unsigned>(status), what);
    response.keep_alive(false);
    response.prepare_payload();
    error_code error;
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, error));
  }

  Log& log;
  asio::io_context io{1};
  std::unique_ptr<quarantine::QuarantineStore> store;
  review::ReviewApp app;
  std::vector<tcp::acceptor> acceptors;
  std::vector<std::string> where;
  std::thread thread;
};

ReviewListener::ReviewListener(const config::Config& config, Log& log,
                               metrics::GatewayMetrics* metrics)
    : impl_(std::make_unique<Impl>(config, log, metrics)) {}

ReviewListener::~ReviewListener() {
  if (!impl_->thread.joinable()) return;
  // Stopping the context ends every coroutine where it waits; their sockets close with them.
  impl_->io.stop();
  impl_->thread.join();
}

void ReviewListener::start() {
  for (auto& acceptor : impl_->acceptors)
    asio::co_spawn(impl_->io, impl_->accept_loop(acceptor), asio::detached);
  impl_->log.info(fmt::format("review UI on {}", fmt::join(impl_->where, ", ")));
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

}  // namespace galguard::server
