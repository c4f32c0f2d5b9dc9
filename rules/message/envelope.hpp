// The SMTP envelope of a message: who the MTA really delivers to. Postfix's cleanup drops Bcc
// before a content filter or milter sees the message, and aliases or list expansion add
// recipients no header names, so the envelope is judged too (issue 12, DESIGN.md §3).
#pragma once

#include <string>
#include <vector>

namespace galguard::rules {

struct Envelope {
  std::string mail_from;                // bare address, "" for the null reverse path
  std::vector<std::string> recipients;  // bare addresses, in RCPT TO order
};

}  // namespace galguard::rules
