#include "gateway/net/listen.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace galguard::net {

boost::asio::ip::tcp::acceptor listen_on(boost::asio::io_context& io, const Endpoint& endpoint) {
  using boost::asio::ip::tcp;
  tcp::resolver resolver(io);
  boost::system::error_code error;
  const auto results =
      resolver.resolve(endpoint.host, std::to_string(endpoint.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || results.empty())
    throw std::runtime_error(
        fmt::format("cannot listen on {}: {}", endpoint.text(), error.message()));
  tcp::acceptor acceptor(io);
  const tcp::endpoint where = results.begin()->endpoint();
  acceptor.open(where.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(where, error);
  if (error)
    throw std::runtime_error(
        fmt::format("cannot listen on {}: {}", endpoint.text(), error.message()));
  acceptor.listen(boost::asio::socket_base::max_listen_connections);
  return acceptor;
}

}  // namespace galguard::net
