// Include this instead of <boost/asio/awaitable.hpp>: Boost 1.74's header uses std::exchange
// without including <utility>, so it only compiles when something else included it first.
#pragma once

#include <utility>

// Kept apart from the block above so include sorting cannot put it first.
#include <boost/asio/awaitable.hpp>
