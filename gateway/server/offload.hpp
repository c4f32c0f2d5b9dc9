// Runs blocking work (an fsync'ed quarantine commit, parsing a huge message) on a thread pool
// and resumes the calling coroutine on its own executor, so one slow disk does not stall every
// SMTP session on the I/O thread. Boost 1.74 has no ready-made way to say this.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <type_traits>
#include <utility>
#include "gateway/net/awaitable.hpp"

namespace galguard::server {

template <class Work, class Result = std::invoke_result_t<Work>>
boost::asio::awaitable<Result> offload(boost::asio::thread_pool& pool, Work work) {
  static_assert(std::is_default_constructible_v<Result>);
  auto home = co_await boost::asio::this_coro::executor;
  co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                 void(std::exception_ptr, Result)>(
      [&pool, home, work = std::move(work)](auto handler) mutable {
        boost::asio::post(pool,
                          [handler = std::move(handler), work = std::move(work), home]() mutable {
                            std::exception_ptr error;
                            Result result{};
                            try {
                              result = work();
                            } catch (...) {
                              error = std::current_exception();
                            }
                            boost::asio::post(home, [handler = std::move(handler), error,
                                                     result = std::move(result)]() mutable {
                              handler(error, std::move(result));
                            });
                          });
      },
      boost::asio::use_awaitable);
}

}  // namespace galguard::server
