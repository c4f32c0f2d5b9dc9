// A listening socket on a configured endpoint, for the SMTP listeners and the review UI alike.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "gateway/net/endpoint.hpp"

namespace galguard::net {

// Resolves (numeric service, passive), binds with SO_REUSEADDR and listens. Throws
// std::runtime_error("cannot listen on HOST:PORT: why") when the address does not resolve or
// the port is taken.
boost::asio::ip::tcp::acceptor listen_on(boost::asio::io_context& io, const Endpoint& endpoint);

}  // namespace galguard::net
