// libFuzzer entry for milter::Session: any bytes from an MTA, framed and decoded, then fed to
// the session as the server does. The session must never crash, keep a message within its size
// limit, answer only with packets that are whole and well-formed (option negotiation, continue,
// or the decision at end of message), and forget the message once the decision is sent. The end
// of message is decided without a directory (tempfail, as serve does before one loads), or as an
// accept that adds a header built from the envelope, which is MTA-controlled text. Input format
// as fuzz_milter (the first byte sets the read size), so its corpus seeds this one too; keep
// reproducers in corpus/milter_session/.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/milter/packet.hpp"
#include "gateway/milter/protocol.hpp"
#include "gateway/milter/session.hpp"

namespace {

using namespace galguard::milter;

constexpr std::size_t kMaxPacket = 4096;
constexpr std::uint64_t kMaxMessage = 8192;

bool well_formed(const Packet& packet) {
  switch (packet.command) {
    case command::optneg:
      // Version, actions, protocol; then the one macro list galguard names (the queue id at
      // end of message) when the MTA lets it choose.
      return packet.payload.size() == 12 ||
             packet.payload.substr(12) == std::string("\0\0\0\x05i\0", 6);
    case reply::continue_:
    case reply::accept:
    case reply::discard:
    case reply::tempfail:
    case reply::reject:
      return packet.payload.empty();
    case reply::reply_code:
    case reply::add_header:
      return !packet.payload.empty() && packet.payload.back() == '\0' &&
             packet.payload.find_first_of("\r\n") == std::string::npos;
    default:
      return false;
  }
}

Decision decide(const Session& session, bool accept) {
  Decision decision;
  if (accept) {
    decision.kind = Decision::Kind::accept;
    decision.add_header = Header{"X-Galguard-Verdict", "pass " + session.message().sender};
  } else {
    decision.kind = Decision::Kind::tempfail;
    decision.code = 451;
    decision.enhanced = "4.7.1";
    decision.text = "Directory not loaded yet; try again later";
  }
  return decision;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  PacketReader reader(kMaxPacket);
  SessionOptions options;
  options.max_message_size = kMaxMessage;
  Session session(options);
  const std::size_t chunk = 1 + data[0] % 64;
  const bool accept = (data[0] & 0x80) != 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  while (!input.empty() && !reader.failed()) {
    reader.feed(input.substr(0, chunk));
    input.remove_prefix(std::min(chunk, input.size()));
    while (auto packet = reader.next()) {
      Outcome outcome = session.on_packet(*packet);
      for (const Packet& reply : outcome.replies)
        if (!well_formed(reply)) __builtin_trap();
      if (outcome.close) {
        if (outcome.error.empty() && packet->command != command::quit) __builtin_trap();
        return 0;
      }
      if (!outcome.end_of_message) continue;
      const Message& message = session.message();
      if (!message.too_big && message.body.size() > kMaxMessage) __builtin_trap();
      if (message.too_big && (!message.body.empty() || !message.headers.empty())) __builtin_trap();
      const auto replies = session.finish_message(decide(session, accept));
      if (replies.empty()) __builtin_trap();
      for (const Packet& reply : replies)
        if (!well_formed(reply)) __builtin_trap();
      if (session.in_message() || !session.message().recipients.empty()) __builtin_trap();
    }
  }
  return 0;
}
