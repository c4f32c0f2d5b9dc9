// RFC 5321 §4.1.2 path syntax for MAIL FROM and RCPT TO: "<" [source route ":"] mailbox ">".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace galguard::smtp {

struct ParsedPath {
  std::string mailbox;   // "user@example.org" as written (quotes kept); empty for "<>"
  std::size_t consumed;  // octets of the input taken, up to and including ">"
};

// Parses a path at the start of text. allow_null admits "<>" (reverse paths only).
// Source routes ("<@a,@b:user@c>") are accepted and dropped, as RFC 5321 §C asks.
// Octets >= 0x80 are accepted in local parts and domains for SMTPUTF8 (RFC 6531).
std::optional<ParsedPath> parse_path(std::string_view text, bool allow_null);

// RFC 5321 Domain, or an address literal "[192.0.2.1]" / "[IPv6:...]", for EHLO/HELO.
bool is_domain_or_literal(std::string_view text);

}  // namespace galguard::smtp
