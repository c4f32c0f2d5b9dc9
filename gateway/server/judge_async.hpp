// judge() for the gates, which run on the I/O thread: a message large enough that parsing it
// would stall every other session is judged on the blocking pool, a small one right here
// (handing it over would cost more than the parse).
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <string_view>
#include "gateway/net/awaitable.hpp"

#include "gateway/server/judgement.hpp"
#include "gateway/server/rulebook.hpp"

namespace galguard::server {

boost::asio::awaitable<Judgement> judge_async(const Rulebook& rules, std::string_view message,
                                              boost::asio::thread_pool& blocking);

}  // namespace galguard::server
