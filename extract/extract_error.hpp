// Why a file (or the rest of it) was not inspected. what() is the reason as the DPO reads it in
// the breakdown: "encrypted", "damaged: no end of central directory", "limit: compression ratio".
#pragma once

#include <stdexcept>
#include <string>

namespace galguard::extract {

class NotInspected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A limit of extract/limits.hpp was reached: what was read before it still counts.
class LimitReached : public NotInspected {
 public:
  explicit LimitReached(const std::string& which) : NotInspected("limit: " + which) {}
};

}  // namespace galguard::extract
