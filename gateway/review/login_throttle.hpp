// Lock-out against password guessing: after max_failures failed logins of one name in a row,
// that name cannot log in for `lockout`, right password or not. A success resets the count.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace galguard::review {

class LoginThrottle {
 public:
  LoginThrottle(int max_failures, std::chrono::milliseconds lockout);

  // Until when `name` is locked; 0 when it is not.
  std::int64_t locked_until(const std::string& name, std::int64_t now);
  void failed(const std::string& name, std::int64_t now);
  void succeeded(const std::string& name);

 private:
  struct Record {
    int failures = 0;
    std::int64_t locked_until = 0;
  };

  int max_failures_;
  std::int64_t lockout_;
  std::mutex mutex_;
  // Names that do not exist count too (otherwise the lock-out tells which names exist), so the
  // table is bounded: past kMaxNames, records that are not locked are forgotten.
  std::unordered_map<std::string, Record> records_;
};

}  // namespace galguard::review
