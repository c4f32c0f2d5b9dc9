// The command lines of one transaction as the next hop will read them: XFORWARD, MAIL FROM with
// the ESMTP parameters the hop offers, RCPT TO. Pure functions, so they are tested without a
// socket.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/relay/client.hpp"
#include "gateway/relay/extensions.hpp"
#include "gateway/smtp/command.hpp"

namespace galguard::relay {

// RFC 5321 §4.5.3.1.4: 512 octets per command line, CRLF included.
inline constexpr std::size_t kMaxCommandLine = 512;

// RFC 3461 §4: "+" and two upper-case hex digits for "+", "=", and octets outside 33..126.
std::string xtext_encode(std::string_view text);

// The XFORWARD lines (CRLF included) for the attributes the hop announced, in the order of
// XFORWARD_README; a missing value is sent as [UNAVAILABLE]. Split into several commands when
// one would pass kMaxCommandLine. Empty when the hop offers none of them or when we know none
// of the values: the hop then logs us as the client, which is then the truth.
std::vector<std::string> xforward_commands(const smtp::Xforward& xforward,
                                           const std::vector<std::string>& announced);

// "MAIL FROM:<sender> [BODY=...] [SMTPUTF8] [SIZE=n]\r\n", each parameter only when offered.
std::string mail_command(const Transaction& transaction, const Extensions& extensions);
std::string rcpt_command(std::string_view recipient);

// The transaction cannot go to a hop without SMTPUTF8 (RFC 6531 §3.2): the client asked for it
// and the envelope or the header section has non-ASCII in it. A client that asks for SMTPUTF8
// on plain ASCII mail is passed on without it, as Postfix does.
bool needs_smtputf8(const Transaction& transaction);

// An address that would break the command line (CR, LF, NUL): such a transaction never goes out.
bool unsafe_address(std::string_view address);

}  // namespace galguard::relay
