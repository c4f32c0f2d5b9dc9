#include "gateway/review/login_throttle.hpp"

namespace galguard::review {
namespace {

constexpr std::size_t kMaxNames = 10'000;

}  // namespace

LoginThrottle::LoginThrottle(int max_failures, std::chrono::milliseconds lockout)
    : max_failures_(max_failures < 1 ? 1 : max_failures),
      lockout_(std::chrono::duration_cast<std::chrono::seconds>(lockout).count()) {}

std::int64_t LoginThrottle::locked_until(const std::string& name, std::int64_t now) {
  std::lock_guard lock(mutex_);
  const auto it = records_.find(name);
  if (it == records_.end() || it->second.locked_until <= now) return 0;
  return it->second.locked_until;
}

void LoginThrottle::failed(const std::string& name, std::int64_t now) {
  std::lock_guard lock(mutex_);
  if (records_.size() >= kMaxNames && !records_.contains(name))
    std::erase_if(records_, [&](const auto& entry) { return entry.second.locked_until <= now; });
  Record& record = records_[name];
  // A lock that ran out starts a fresh count.
  if (record.locked_until != 0 && record.locked_until <= now) record = Record{};
  if (++record.failures >= max_failures_) {
    record.locked_until = now + lockout_;
    record.failures = 0;
  }
}

void LoginThrottle::succeeded(const std::string& name) {
  std::lock_guard lock(mutex_);
  records_.erase(name);
}

}  // namespace galguard::review
