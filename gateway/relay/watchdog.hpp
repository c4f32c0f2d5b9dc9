// A deadline for one network operation. Boost 1.74 has no awaitable operators to race a read
// against a timer, so a timer that fires closes the socket (or cancels the resolver) and the
// pending operation completes with an error, which the caller reads as a timeout via fired().
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace galguard::relay {

class Watchdog {
 public:
  Watchdog(const boost::asio::any_io_executor& executor,
           std::chrono::steady_clock::time_point deadline, std::function<void()> on_expiry)
      : state_(std::make_shared<State>()), timer_(executor, deadline) {
    // The handler may already be queued with success when the operation finishes first, so it
    // checks `armed` rather than trusting the cancel in the destructor.
    timer_.async_wait(
        [state = state_, on_expiry = std::move(on_expiry)](const boost::system::error_code& error) {
          if (error || !state->armed) return;
          state->fired = true;
          on_expiry();
        });
  }
  ~Watchdog() {
    state_->armed = false;
    timer_.cancel();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  bool fired() const { return state_->fired; }

 private:
  struct State {
    bool armed = true;
    bool fired = false;
  };
  std::shared_ptr<State> state_;
  boost::asio::steady_timer timer_;
};

}  // namespace galguard::relay
