#include "gateway/review/session_table.hpp"

#include <sodium.h>

#include <stdexcept>

#include "rules/text/base64.hpp"

namespace galguard::review {
namespace {

// Past this many live sessions the oldest-expired are swept on every login; a bound on memory
// when someone logs in in a loop.
constexpr std::size_t kSweepAbove = 1000;

std::string key_of(std::string_view token) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

}  // namespace

std::string random_token() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return rules::base64url_encode(
      std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

bool tokens_equal(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

SessionTable::SessionTable(std::chrono::milliseconds idle, std::chrono::milliseconds max)
    : idle_(std::chrono::duration_cast<std::chrono::seconds>(idle).count()),
      max_(std::chrono::duration_cast<std::chrono::seconds>(max).count()) {}

bool SessionTable::expired(const Session& session, std::int64_t now) const {
  return now - session.last_seen >= idle_ || now - session.created_at >= max_;
}

void SessionTable::drop_expired(std::int64_t now) {
  std::erase_if(sessions_, [&](const auto& entry) { return expired(entry.second, now); });
}

std::string SessionTable::create(const std::string& user, std::int64_t now) {
  std::string token = random_token();
  std::lock_guard lock(mutex_);
  if (sessions_.size() > kSweepAbove) drop_expired(now);
  sessions_[key_of(token)] = Session{user, random_token(), now, now};
  return token;
}

std::optional<Session> SessionTable::find(std::string_view token, std::int64_t now) {
  if (token.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(key_of(token));
  if (it == sessions_.end()) return std::nullopt;
  if (expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionTable::remove(std::string_view token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(key_of(token));
}

void SessionTable::remove_user(const std::string& user) {
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.user == user; });
}

std::size_t SessionTable::size() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace galguard::review
