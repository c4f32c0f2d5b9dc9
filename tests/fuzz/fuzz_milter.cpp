// libFuzzer entry for the milter framing and decoding: any bytes from an MTA, cut into reads at
// any place, must give packets within the limit, commands or a clear error, and never a crash, a
// leak or an unbounded buffer. What decodes is also pushed through negotiation and the reply
// encoders, which must refuse rather than emit a reply that breaks the wire format. Keep
// reproducers in corpus/milter/.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/milter/negotiate.hpp"
#include "gateway/milter/packet.hpp"
#include "gateway/milter/protocol.hpp"
#include "gateway/milter/reply.hpp"

namespace {

using namespace galguard::milter;

// Small, so the fuzzer reaches the limit.
constexpr std::size_t kMaxPacket = 4096;

void check_reply(const Decoded<Packet>& reply) {
  if (const auto* packet = std::get_if<Packet>(&reply)) {
    const std::string& p = packet->payload;
    if (p.empty() || p.back() != '\0') __builtin_trap();
    if (p.find('\r') != std::string::npos || p.find('\n') != std::string::npos) __builtin_trap();
  } else if (std::get<Error>(reply).message.empty()) {
    __builtin_trap();
  }
}

void exercise(const Command& command) {
  if (const auto* offer = std::get_if<OptNeg>(&command)) {
    Wanted wanted;
    wanted.actions = action::add_headers;
    wanted.used =
        step_bit(Step::mail) | step_bit(Step::rcpt) | step_bit(Step::header) | step_bit(Step::body);
    wanted.replied = offer->version & 0x1ff;  // any mix of steps
    wanted.header_leading_space = true;
    auto result = negotiate(*offer, wanted);
    if (const auto* n = std::get_if<Negotiation>(&result)) {
      if (n->chosen.version < 2 || n->chosen.version > 6) __builtin_trap();
      if (n->chosen.protocol & ~offer->protocol) __builtin_trap();
      if (n->chosen.actions & ~offer->actions) __builtin_trap();
      if (encode(reply_optneg(*n)).size() != 17) __builtin_trap();
    }
  } else if (const auto* header = std::get_if<Header>(&command)) {
    check_reply(reply_add_header(header->name, header->value));
    check_reply(reply_insert_header(1, header->name, header->value));
  } else if (const auto* helo = std::get_if<Helo>(&command)) {
    check_reply(reply_code(550, "5.7.1", helo->name));
  } else if (const auto* unknown = std::get_if<Unknown>(&command)) {
    check_reply(reply_code(451, unknown->line.substr(0, 9), unknown->line));
  } else if (const auto* connect = std::get_if<Connect>(&command)) {
    if (connect->address.find('\0') != std::string::npos) __builtin_trap();
  } else if (const auto* macros = std::get_if<Macros>(&command)) {
    for (const auto& [name, value] : macros->values)
      if (macros->find(name) == std::nullopt) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  PacketReader reader(kMaxPacket);
  // The first byte sets the read size, so packets are cut across reads in every way.
  const std::size_t chunk = 1 + data[0] % 64;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  while (!input.empty() && !reader.failed()) {
    reader.feed(input.substr(0, chunk));
    input.remove_prefix(std::min(chunk, input.size()));
    if (reader.buffered() > 4 + kMaxPacket + chunk) __builtin_trap();
    while (auto packet = reader.next()) {
      if (packet->payload.size() + 1 > kMaxPacket) __builtin_trap();
      const auto decoded = decode(*packet);
      if (const auto* command = std::get_if<Command>(&decoded)) {
        exercise(*command);
      } else if (std::get<Error>(decoded).message.empty()) {
        __builtin_trap();
      }
    }
  }
  if (reader.failed() && reader.error().empty()) __builtin_trap();
  return 0;
}
