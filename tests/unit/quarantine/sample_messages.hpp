// Held messages for the tests: raw bytes with NUL and 8-bit bytes, a full envelope.
#pragma once

#include <string>

#include "gateway/quarantine/store.hpp"

namespace galguard::quarantine::testing {

inline HeldMessage sample_message(std::int64_t received_at, std::string from,
                                  std::vector<std::string> codes) {
  HeldMessage m;
  m.received_at = received_at;
  static constexpr char raw[] = "Subject: l\xc3\xb6n\r\n\r\nbody\0with NUL \xff\xfe end\r\n";
  m.raw = std::string(raw, sizeof raw - 1);  // sizeof, not strlen: the NUL is part of the mail
  m.envelope = {std::move(from),
                {"anna@example.org", "bo@example.net"},
                "mx.example.com",
                "192.0.2.7",
                "mx.example.com"};
  m.verdict_json = R"({"action":"hold","findings":[]})";
  m.codes = std::move(codes);
  m.personal_data = {2, {"health"}};
  return m;
}

}  // namespace galguard::quarantine::testing
