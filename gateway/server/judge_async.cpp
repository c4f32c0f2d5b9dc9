#include "gateway/server/judge_async.hpp"

#include "gateway/server/offload.hpp"

namespace galguard::server {
namespace {

// Parsing a message this large takes long enough to stall the other sessions.
constexpr std::size_t kOffloadParseBytes = 256 * 1024;

}  // namespace

boost::asio::awaitable<Judgement> judge_async(const Rulebook& rules, std::string_view message,
                                              boost::asio::thread_pool& blocking) {
  // An if, not a conditional expression: GCC 12 miscompiles co_await inside ?: .
  if (message.size() > kOffloadParseBytes)
    co_return co_await offload(blocking, [&] { return judge(rules, message); });
  co_return judge(rules, message);
}

}  // namespace galguard::server
