// One thing found wrong with one recipient, in words a sender understands.
#pragma once

#include <string>
#include <vector>

#include "rules/policy/severity.hpp"

namespace galguard::rules {

struct Finding {
  std::string code;  // stable: "name-bound-elsewhere", ... (DESIGN.md §3)
  Severity severity = Severity::none;
  std::string header;                 // "To", "Cc", ...
  std::string display_name;           // as decoded
  std::string address;                // as written
  std::vector<std::string> expected;  // the directory entry's addresses, when one is involved
  std::string explanation;            // one sentence, no personal data from the body
};

}  // namespace galguard::rules
