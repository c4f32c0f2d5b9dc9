#include "gateway/milter/protocol.hpp"

#include <fmt/format.h>

namespace galguard::milter {

namespace {

// Reads a payload front to back; every read says whether the bytes were there.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : rest_(bytes) {}

  std::optional<std::uint32_t> u32() {
    if (rest_.size() < 4) return std::nullopt;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i)
      value = value << 8 | static_cast<unsigned char>(rest_[i]);
    rest_.remove_prefix(4);
    return value;
  }
  std::optional<std::uint16_t> u16() {
    if (rest_.size() < 2) return std::nullopt;
    const auto value = static_cast<std::uint16_t>(static_cast<unsigned char>(rest_[0]) << 8 |
                                                  static_cast<unsigned char>(rest_[1]));
    rest_.remove_prefix(2);
    return value;
  }
  std::optional<char> byte() {
    if (rest_.empty()) return std::nullopt;
    const char c = rest_.front();
    rest_.remove_prefix(1);
    return c;
  }
  // A NUL-terminated string, without its NUL.
  std::optional<std::string> cstring() {
    const std::size_t nul = rest_.find('\0');
    if (nul == std::string_view::npos) return std::nullopt;
    std::string value(rest_.substr(0, nul));
    rest_.remove_prefix(nul + 1);
    return value;
  }
  bool empty() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

Error malformed(char command, std::string_view why) {
  return Error{fmt::format("malformed milter '{}' packet: {}", command, why)};
}

Decoded<Command> decode_optneg(const Packet& packet) {
  Cursor in(packet.payload);
  auto version = in.u32(), actions = in.u32(), protocol = in.u32();
  if (!version || !actions || !protocol) {
    return malformed(packet.command, fmt::format("{} bytes, need 12 (version, actions, protocol)",
                                                 packet.payload.size()));
  }
  // Longer is tolerated as libmilter does: a later protocol may append fields.
  return OptNeg{*version, *actions, *protocol};
}

Decoded<Command> decode_macros(const Packet& packet) {
  Cursor in(packet.payload);
  Macros macros;
  const auto for_command = in.byte();
  if (!for_command) return malformed(packet.command, "no command letter");
  macros.for_command = *for_command;
  while (!in.empty()) {
    auto name = in.cstring();
    if (!name) return malformed(packet.command, "macro name without NUL");
    auto value = in.cstring();
    if (!value) return malformed(packet.command, fmt::format("macro {} has no value", *name));
    macros.values.emplace_back(std::move(*name), std::move(*value));
  }
  return macros;
}

Decoded<Command> decode_connect(const Packet& packet) {
  Cursor in(packet.payload);
  Connect connect;
  auto hostname = in.cstring();
  if (!hostname) return malformed(packet.command, "hostname without NUL");
  connect.hostname = std::move(*hostname);
  const auto family = in.byte();
  if (!family) return malformed(packet.command, "no address family");
  switch (*family) {
    case 'U':
      connect.family = Connect::Family::unknown;
      if (!in.empty()) return malformed(packet.command, "data after the unknown family");
      return connect;
    case 'L':
      connect.family = Connect::Family::unix_socket;
      break;
    case '4':
      connect.family = Connect::Family::inet;
      break;
    case '6':
      connect.family = Connect::Family::inet6;
      break;
    default:
      return malformed(packet.command, fmt::format("unknown address family 0x{:02x}",
                                                   static_cast<unsigned char>(*family)));
  }
  const auto port = in.u16();
  if (!port) return malformed(packet.command, "short port");
  connect.port = *port;
  auto address = in.cstring();
  if (!address) return malformed(packet.command, "address without NUL");
  if (!in.empty()) return malformed(packet.command, "data after the address");
  // Sendmail writes IPv6 addresses as "IPv6:2001:db8::1"; Postfix does not.
  constexpr std::string_view ipv6_tag = "IPv6:";
  if (connect.family == Connect::Family::inet6 && address->starts_with(ipv6_tag))
    address->erase(0, ipv6_tag.size());
  connect.address = std::move(*address);
  return connect;
}

// A single NUL-terminated string filling the payload (HELO, UNKNOWN).
Decoded<std::string> decode_one_string(const Packet& packet) {
  Cursor in(packet.payload);
  auto value = in.cstring();
  if (!value) return malformed(packet.command, "string without NUL");
  if (!in.empty()) return malformed(packet.command, "data after the string");
  return std::move(*value);
}

Decoded<Envelope> decode_envelope(const Packet& packet) {
  Cursor in(packet.payload);
  Envelope envelope;
  auto address = in.cstring();
  if (!address) return malformed(packet.command, "address without NUL");
  envelope.address = std::move(*address);
  while (!in.empty()) {
    auto parameter = in.cstring();
    if (!parameter) return malformed(packet.command, "parameter without NUL");
    envelope.parameters.push_back(std::move(*parameter));
  }
  return envelope;
}

Decoded<Command> decode_header(const Packet& packet) {
  Cursor in(packet.payload);
  auto name = in.cstring();
  if (!name) return malformed(packet.command, "header name without NUL");
  auto value = in.cstring();
  if (!value) return malformed(packet.command, fmt::format("header {} has no value", *name));
  if (!in.empty()) return malformed(packet.command, "data after the header value");
  if (name->empty()) return malformed(packet.command, "empty header name");
  return Header{std::move(*name), std::move(*value)};
}

// Commands that carry nothing; a payload means the peer does not speak the protocol we think.
Decoded<Command> decode_empty(const Packet& packet, Command command) {
  if (!packet.payload.empty())
    return malformed(packet.command, fmt::format("{} unexpected bytes", packet.payload.size()));
  return command;
}

template <class T, class U>
Decoded<Command> lift(Decoded<U> decoded, auto make) {
  if (auto* error = std::get_if<Error>(&decoded)) return std::move(*error);
  return T(make(std::move(std::get<U>(decoded))));
}

}  // namespace

std::optional<std::string_view> Macros::find(std::string_view name) const {
  const auto bare = [](std::string_view n) {
    if (n.size() >= 2 && n.front() == '{' && n.back() == '}') n = n.substr(1, n.size() - 2);
    return n;
  };
  for (const auto& [key, value] : values)
    if (bare(key) == bare(name)) return value;
  return std::nullopt;
}

std::string_view bare_address(std::string_view address) {
  if (address.size() >= 2 && address.front() == '<' && address.back() == '>')
    return address.substr(1, address.size() - 2);
  return address;
}

Decoded<Command> decode(const Packet& packet) {
  switch (packet.command) {
    case command::optneg:
      return decode_optneg(packet);
    case command::macro:
      return decode_macros(packet);
    case command::connect:
      return decode_connect(packet);
    case command::helo:
      return lift<Helo>(decode_one_string(packet),
                        [](std::string s) { return Helo{std::move(s)}; });
    case command::mail:
      return lift<Mail>(decode_envelope(packet), [](Envelope e) { return Mail{std::move(e)}; });
    case command::rcpt:
      return lift<Rcpt>(decode_envelope(packet), [](Envelope e) { return Rcpt{std::move(e)}; });
    case command::header:
      return decode_header(packet);
    case command::eoh:
      return decode_empty(packet, EndOfHeaders{});
    case command::body:
      return Body{packet.payload};
    case command::end_of_body:
      return EndOfMessage{packet.payload};
    case command::abort:
      return decode_empty(packet, Abort{});
    case command::quit:
      return decode_empty(packet, Quit{});
    case command::quit_nc:
      return decode_empty(packet, Quit{.new_connection = true});
    case command::data:
      return decode_empty(packet, Data{});
    case command::unknown:
      return lift<Unknown>(decode_one_string(packet),
                           [](std::string s) { return Unknown{std::move(s)}; });
  }
  return Error{
      fmt::format("unknown milter command 0x{:02x}", static_cast<unsigned char>(packet.command))};
}

}  // namespace galguard::milter
