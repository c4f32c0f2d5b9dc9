#include "gateway/net/endpoint.hpp"

#include <charconv>

namespace galguard::net {

std::string Endpoint::text() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<Endpoint> parse_endpoint(std::string_view text) {
  std::string_view host, port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return std::nullopt;
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    // An unbracketed IPv6 literal is ambiguous ("::1:25"): refuse rather than guess.
    if (host.find(':') != std::string_view::npos) return std::nullopt;
  }
  if (host.empty() || port.empty()) return std::nullopt;
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (error != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535)
    return std::nullopt;
  return Endpoint{std::string{host}, static_cast<std::uint16_t>(value)};
}

}  // namespace galguard::net
