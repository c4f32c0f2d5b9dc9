#include "gateway/relay/client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>

namespace galguard::relay {
namespace {

namespace asio = boost::asio;

asio::awaitable<Outcome> send_and_quit(Client& client, Transaction transaction) {
  Outcome outcome = co_await client.send(std::move(transaction));
  co_await client.close_idle();
  co_return outcome;
}

}  // namespace

Outcome send_blocking(const Settings& settings, Transaction transaction) {
  asio::io_context context;
  Client client(context.get_executor(), settings);
  std::optional<Outcome> result;
  std::exception_ptr failure;
  asio::co_spawn(context, send_and_quit(client, std::move(transaction)),
                 [&](std::exception_ptr error, Outcome outcome) {
                   failure = error;
                   result = std::move(outcome);
                 });
  context.run();
  // Network failures are Outcomes; an exception here is a bug (or bad_alloc), not a verdict.
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

}  // namespace galguard::relay
