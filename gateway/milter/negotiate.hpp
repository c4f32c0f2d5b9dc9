// Option negotiation (SMFIC_OPTNEG): the MTA offers a version, the actions it lets a filter take
// and the protocol flags it understands; the filter answers with what it takes. Asking the MTA
// to skip the steps galguard does not use, and not to wait for a reply where galguard never
// objects, saves a round trip per command on every message.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gateway/milter/protocol.hpp"

namespace galguard::milter {

// The steps of an SMTP session the MTA can skip or send without waiting (one NO* and one NR_*
// flag each). End of message, abort, quit and macros cannot be negotiated away.
enum class Step { connect, helo, mail, rcpt, data, unknown, header, eoh, body };
inline constexpr std::uint32_t step_bit(Step step) {
  return 1u << static_cast<unsigned>(step);
}

// The macros wanted at one stage (macro_stage::*), names separated by spaces: "i {rcpt_addr}".
struct MacroList {
  std::uint32_t stage = 0;
  std::string names;
  bool operator==(const MacroList&) const = default;
};

struct Wanted {
  std::uint32_t actions = 0;          // action::* galguard may take
  std::uint32_t used = 0;             // step_bit()s whose commands galguard reads
  std::uint32_t replied = 0;          // step_bit()s where galguard may answer other than continue
  bool header_leading_space = false;  // headers exactly as received, to rebuild the message
  // With any list here the MTA sends exactly these macros and none at a stage not listed
  // (Postfix starts from empty lists), instead of its configured defaults: fewer packets per
  // message. Only when the MTA offers SMFIF_SETSYMLIST; otherwise the defaults come.
  std::vector<MacroList> macros;
};

struct Negotiation {
  OptNeg chosen;                      // send back with reply_optneg()
  std::uint32_t missing_actions = 0;  // wanted but not offered: the caller must do without
  std::vector<MacroList> macros;      // the lists to send with reply_optneg(), when offered

  // Whether the MTA will send the step's command, and whether it then waits for a reply. A step
  // galguard does not use may still arrive when the MTA could not skip it; it must be answered
  // (continue) unless sent without a reply.
  bool sent(Step step) const;
  bool needs_reply(Step step) const;
};

Decoded<Negotiation> negotiate(std::uint32_t offered_version, std::uint32_t offered_actions,
                               std::uint32_t offered_protocol, const Wanted& wanted);
inline Decoded<Negotiation> negotiate(const OptNeg& offer, const Wanted& wanted) {
  return negotiate(offer.version, offer.actions, offer.protocol, wanted);
}

}  // namespace galguard::milter
