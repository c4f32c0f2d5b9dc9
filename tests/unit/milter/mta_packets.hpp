// The packets an MTA sends, built the way Postfix 3.7 builds them (milter8.c), for the session
// and gate tests: option negotiation with Postfix's offer, macros, connect, helo, envelope,
// a message cut into header packets and body chunks, end of message.
#pragma once

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gateway/milter/packet.hpp"
#include "gateway/milter/protocol.hpp"

namespace galguard::milter::testing {

using namespace std::string_literals;

// Postfix 3.7 offers version 6, every action (SMFIF_*, 0x1ff) and every protocol flag.
inline constexpr std::uint32_t kPostfixActions = 0x1ff;
inline constexpr std::uint32_t kPostfixProtocol = 0x1fffff;

inline Packet optneg(std::uint32_t version = 6, std::uint32_t actions = kPostfixActions,
                     std::uint32_t protocol = kPostfixProtocol) {
  std::string payload;
  append_u32(payload, version);
  append_u32(payload, actions);
  append_u32(payload, protocol);
  return {command::optneg, payload};
}

inline Packet macros(char for_command,
                     const std::vector<std::pair<std::string, std::string>>& values) {
  std::string payload(1, for_command);
  for (const auto& [name, value] : values)
    payload += name + '\0' + value + '\0';
  return {command::macro, payload};
}

inline Packet connect(const std::string& host, const std::string& addr, std::uint16_t port = 4711) {
  std::string payload = host + '\0' + '4';
  append_u16(payload, port);
  payload += addr + '\0';
  return {command::connect, payload};
}

inline Packet helo(const std::string& name) {
  return {command::helo, name + '\0'};
}
inline Packet mail(const std::string& address) {
  return {command::mail, "<" + address + ">\0"s};
}
inline Packet rcpt(const std::string& address) {
  return {command::rcpt, "<" + address + ">\0"s};
}
inline Packet header(const std::string& name, const std::string& value) {
  return {command::header, name + '\0' + value + '\0'};
}
inline Packet eoh() {
  return {command::eoh, ""};
}
inline Packet body(const std::string& bytes) {
  return {command::body, bytes};
}
inline Packet eom() {
  return {command::end_of_body, ""};
}
inline Packet abort_message() {
  return {command::abort, ""};
}
inline Packet quit() {
  return {command::quit, ""};
}

inline std::string sample(const std::string& name) {
  std::ifstream in(std::string(GALGUARD_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

// A message file as Postfix sends it with SMFIP_HDR_LEADSPC: one packet per header (value with
// its leading space, folded lines joined by LF), end of headers, then the body with CRLF line
// ends in chunks of at most `chunk` bytes.
inline std::vector<Packet> message_packets(const std::string& raw, std::size_t chunk = 65535) {
  std::vector<std::string> lines;
  std::istringstream in(raw);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  std::vector<Packet> packets;
  std::size_t i = 0;
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    const std::string& line = lines[i];
    if ((line[0] == ' ' || line[0] == '\t') && !packets.empty()) {
      // A folded line: part of the previous header's value.
      Packet& last = packets.back();
      last.payload.pop_back();  // its NUL
      last.payload += "\n" + line + '\0';
      continue;
    }
    const auto colon = line.find(':');
    packets.push_back(header(line.substr(0, colon), line.substr(colon + 1)));
  }
  packets.push_back(eoh());
  std::string bytes;
  for (++i; i < lines.size(); ++i)
    bytes += lines[i] + "\r\n";
  for (std::size_t at = 0; at < bytes.size(); at += chunk)
    packets.push_back(body(bytes.substr(at, chunk)));
  packets.push_back(eom());
  return packets;
}

// Connect to end of message for one message: what Postfix sends for a client that submits it.
inline std::vector<Packet> conversation(const std::string& raw, const std::string& from,
                                        const std::vector<std::string>& rcpts) {
  std::vector<Packet> packets{
      optneg(),
      macros('C', {{"j", "mx.stockholm.se"}, {"{daemon_name}", "mx"}, {"v", "Postfix 3.7"}}),
      connect("client.stockholm.se", "10.1.2.3"),
      helo("client.stockholm.se"),
      macros('M', {{"{mail_addr}", from}}),
      mail(from),
  };
  for (const auto& rcpt_to : rcpts) {
    packets.push_back(macros('R', {{"{rcpt_addr}", rcpt_to}, {"i", "4NxYz1"}}));
    packets.push_back(rcpt(rcpt_to));
  }
  for (Packet& packet : message_packets(raw))
    packets.push_back(std::move(packet));
  return packets;
}

}  // namespace galguard::milter::testing
