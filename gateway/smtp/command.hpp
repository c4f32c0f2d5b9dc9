// One SMTP command line (CRLF already removed) into a verb and the typed arguments of the verbs
// that have them. Syntax errors come back as the Reply to send, so the session never has to
// decide which code a malformed argument deserves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "gateway/smtp/reply.hpp"

namespace galguard::smtp {

struct Command {
  std::string verb;  // upper-cased; empty when the line has no word
  std::string argument;
};

Command split_command(std::string_view line);

// Either the parsed value or the reply that refuses it.
template <class T>
using Parsed = std::variant<T, Reply>;

enum class Body { unspecified, seven_bit, eight_bit_mime };

struct MailParameters {
  std::optional<std::uint64_t> size;  // SIZE= (RFC 1870)
  Body body = Body::unspecified;      // BODY= (RFC 6152)
  bool smtputf8 = false;              // RFC 6531
  bool operator==(const MailParameters&) const = default;
};

struct MailFrom {
  std::string sender;  // empty for the null reverse path "<>"
  MailParameters parameters;
};

struct RcptTo {
  std::string recipient;
};

// Postfix XFORWARD (XFORWARD_README): the original client as the first MTA saw it.
// An attribute absent or sent as [UNAVAILABLE]/[TEMPUNAVAIL] stays empty.
struct Xforward {
  std::optional<std::string> name, addr, port, proto, helo, ident, source;
  bool operator==(const Xforward&) const = default;
};

Parsed<MailFrom> parse_mail(std::string_view argument);
Parsed<RcptTo> parse_rcpt(std::string_view argument);
// Merges the attributes of one XFORWARD line into what earlier lines sent.
Parsed<Xforward> parse_xforward(std::string_view argument, Xforward so_far);
// The EHLO/HELO argument: a domain or an address literal.
Parsed<std::string> parse_helo(std::string_view argument);

}  // namespace galguard::smtp
