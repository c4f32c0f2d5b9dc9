// What the next hop offers in its EHLO reply (RFC 5321 §4.1.1.1), the extensions the client
// uses when they are there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/smtp/reply.hpp"

namespace galguard::relay {

struct Extensions {
  bool esmtp = false;  // the hop answered EHLO; false after the HELO fallback
  bool pipelining = false;
  bool eight_bit_mime = false;
  bool smtputf8 = false;
  bool enhanced_status_codes = false;
  std::optional<std::uint64_t> size;  // SIZE offered; 0 means no fixed limit (RFC 1870)
  bool xforward = false;
  std::vector<std::string> xforward_attributes;  // upper-cased: NAME ADDR PORT ...
};

// The lines after the first (the hop's name) are keyword [params], case-insensitive.
Extensions parse_ehlo(const smtp::Reply& reply);

}  // namespace galguard::relay
