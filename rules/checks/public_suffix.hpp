// Where a domain is registered: the Public Suffix List (libpsl) says that "mail.example.co.uk"
// belongs to whoever registered "example.co.uk". Internal to rules/checks.
#pragma once

#include <string_view>

namespace galguard::rules::detail {

// The registrable part of a normalised domain (Unicode, case folded), as a suffix of it:
// "mail.stockho1m.se" → "stockho1m.se", "a.b.example.co.uk" → "example.co.uk". A domain that is
// itself a public suffix or has no registrable part ("co.uk", "localhost") is returned whole.
std::string_view registrable_domain(std::string_view domain);

// The registrable domain without its public suffix: "example.co.uk" → "example".
std::string_view registered_name(std::string_view registrable);

}  // namespace galguard::rules::detail
