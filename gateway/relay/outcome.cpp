#include "gateway/relay/outcome.hpp"

#include <fmt/format.h>

namespace galguard::relay {
namespace {

Outcome ours(const Settings& settings, Outcome::Kind kind, smtp::Standard base, std::string text,
             std::string_view enhanced) {
  smtp::Reply reply = smtp::standard(base, std::move(text));
  reply.enhanced = std::string{enhanced};
  return Outcome{kind, std::move(reply), settings.next_hop.text()};
}

}  // namespace

std::string_view describe(Phase phase) {
  switch (phase) {
    case Phase::connect:
      return "connecting";
    case Phase::greeting:
      return "receiving the initial greeting";
    case Phase::helo:
      return "performing the EHLO handshake";
    case Phase::xforward:
      return "sending XFORWARD";
    case Phase::mail:
      return "sending MAIL FROM";
    case Phase::rcpt:
      return "sending RCPT TO";
    case Phase::data:
      return "sending DATA";
    case Phase::content:
      return "sending the message content";
    case Phase::end_of_data:
      return "sending end of data -- message may be sent more than once";
    case Phase::rset:
      return "sending RSET";
    case Phase::quit:
      return "sending QUIT";
  }
  return "talking";
}

Outcome accepted(const Settings& settings, smtp::Reply reply) {
  return Outcome{Outcome::Kind::accepted, std::move(reply), settings.next_hop.text()};
}

Outcome refused(const Settings& settings, smtp::Reply reply) {
  return Outcome{Outcome::Kind::refused, std::move(reply), settings.next_hop.text()};
}

Outcome unavailable(const Settings& settings, Phase phase, const Failure& failure) {
  const std::string hop = settings.next_hop.text();
  std::string text;
  std::string_view enhanced = "4.4.2";
  switch (failure.kind) {
    case Failure::Kind::none:  // not a failure; a caller bug, but still never "accepted"
    case Failure::Kind::unreachable:
      text = fmt::format("next hop {} not reachable: {}", hop, failure.detail);
      enhanced = "4.4.1";
      break;
    case Failure::Kind::timeout:
      text = fmt::format("conversation with next hop {} timed out while {}", hop, describe(phase));
      break;
    case Failure::Kind::lost:
      text = fmt::format("lost connection with next hop {} while {}", hop, describe(phase));
      break;
    case Failure::Kind::malformed:
      text = fmt::format("next hop {} sent a malformed reply while {}: {}", hop, describe(phase),
                         failure.detail);
      break;
  }
  return ours(settings, Outcome::Kind::unavailable, smtp::Standard::next_hop_down, std::move(text),
              enhanced);
}

Outcome not_served(const Settings& settings, const smtp::Reply& reply) {
  return ours(settings, Outcome::Kind::unavailable, smtp::Standard::next_hop_down,
              fmt::format("next hop {} refused to talk to me: {}", settings.next_hop.text(),
                          reply.one_line()),
              "4.4.1");
}

Outcome hop_closing(const Settings& settings, Phase phase, const smtp::Reply& reply) {
  return ours(settings, Outcome::Kind::unavailable, smtp::Standard::next_hop_down,
              fmt::format("next hop {} closed the connection while {}: {}",
                          settings.next_hop.text(), describe(phase), reply.one_line()),
              "4.4.2");
}

}  // namespace galguard::relay
