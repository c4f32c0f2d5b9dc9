// The filter's replies to the MTA, as packets ready for encode(). Replies that carry text from
// galguard (a reply code, a header) are checked here, so nothing we send can end the SMTP reply
// line early or add a header line of its own.
#pragma once

#include <cstdint>
#include <string_view>

#include "gateway/milter/negotiate.hpp"
#include "gateway/milter/packet.hpp"
#include "gateway/milter/protocol.hpp"

namespace galguard::milter {

Packet reply_continue();
Packet reply_accept();
Packet reply_reject();    // the MTA's own "550 5.7.1 Command rejected"
Packet reply_tempfail();  // the MTA's own "451 4.7.1 Service unavailable - try again later"
Packet reply_discard();   // accept and silently drop the message

// SMFIR_REPLYCODE "550 5.7.1 text": a 4xx or 5xx code, an enhanced status of the same class
// (Postfix refuses the reply otherwise) and one line of printable ASCII.
Decoded<Packet> reply_code(int code, std::string_view enhanced, std::string_view text);

// SMFIR_ADDHEADER appends a header; SMFIR_INSHEADER inserts it before header number `index`
// (0 = first). Needs action::add_headers. One line only: no CR, LF or NUL in the value.
Decoded<Packet> reply_add_header(std::string_view name, std::string_view value);
Decoded<Packet> reply_insert_header(std::uint32_t index, std::string_view name,
                                    std::string_view value);

// The answer to SMFIC_OPTNEG; see negotiate.hpp for how the values are chosen.
// The negotiation's answer: version, actions, protocol flags, then each macro list (a 32-bit
// stage and the names, NUL-terminated; the names are galguard's own, never from the wire).
Packet reply_optneg(const Negotiation& negotiation);

}  // namespace galguard::milter
