// SMTP replies: a code, an RFC 3463 enhanced status and one or more text lines, and the table
// of the standard replies galguard sends, so every place that refuses something says it the
// same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galguard::smtp {

struct Reply {
  int code = 0;
  std::string enhanced;  // "5.5.1"; empty where RFC 2034 forbids one (220 greeting, 354, EHLO)
  std::vector<std::string> lines;

  // "250-first\r\n250 last\r\n". Every line repeats the enhanced status, as RFC 2034 asks.
  std::string wire() const;
  // "550 5.1.1 text more text": the whole reply on one line, for logs and error messages.
  std::string one_line() const;
  bool positive() const { return code >= 200 && code < 400; }
  bool operator==(const Reply&) const = default;
};

// The replies galguard uses. The row order does not matter; the name is what callers use.
enum class Standard {
  greeting,             // 220
  help,                 // 214 2.0.0
  bye,                  // 221 2.0.0
  ok,                   // 250 2.0.0
  sender_ok,            // 250 2.1.0
  recipient_ok,         // 250 2.1.5
  cannot_vrfy,          // 252 2.1.5
  start_input,          // 354
  start_tls,            // 220 2.0.0
  timeout,              // 421 4.4.2
  shutting_down,        // 421 4.3.2
  too_many_errors,      // 421 4.7.0
  local_error,          // 451 4.3.0
  next_hop_down,        // 451 4.4.1
  policy_tempfail,      // 451 4.7.1
  too_many_recipients,  // 452 4.5.3
  line_too_long,        // 500 5.5.2
  unrecognised,         // 500 5.5.2
  syntax,               // 501 5.5.4
  not_implemented,      // 502 5.5.1
  bad_sequence,         // 503 5.5.1
  policy_reject,        // 550 5.7.1
  message_too_big,      // 552 5.3.4
  transaction_failed,   // 554 5.5.0
  unknown_parameter,    // 555 5.5.4
};

Reply standard(Standard which);
// The same code and enhanced status with a more specific text ("Syntax: MAIL FROM:<address>").
Reply standard(Standard which, std::string text);

}  // namespace galguard::smtp
