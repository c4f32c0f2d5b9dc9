// A TCP endpoint as people write it in configs and logs: "127.0.0.1:10026", "[::1]:25",
// "relay.example.org:25". One parser so the config, the relay and the logs agree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace galguard::net {

struct Endpoint {
  std::string host;  // name or address literal, without IPv6 brackets
  std::uint16_t port = 0;

  // "host:port", IPv6 literals in brackets, as Postfix logs a relay.
  std::string text() const;
  bool operator==(const Endpoint&) const = default;
};

// nullopt when the text is not host:port with a port in 1..65535.
std::optional<Endpoint> parse_endpoint(std::string_view text);

}  // namespace galguard::net
