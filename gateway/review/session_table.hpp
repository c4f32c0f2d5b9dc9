// Who is logged in to the review UI. A session is a random 256-bit token in the cookie; it ends
// after `idle` without a request or `max` after login, whichever comes first, or at logout.
// Each session has its own CSRF token that every form carries back.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace galguard::review {

struct Session {
  std::string user;
  std::string csrf;  // base64url, 43 characters
  std::int64_t created_at = 0;
  std::int64_t last_seen = 0;
};

// 32 bytes from libsodium's randombytes as base64url without padding.
std::string random_token();
// Constant-time comparison (sodium_memcmp), false when the lengths differ or either is empty.
bool tokens_equal(std::string_view a, std::string_view b);

class SessionTable {
 public:
  SessionTable(std::chrono::milliseconds idle, std::chrono::milliseconds max);

  // Returns the new session's token (what the cookie carries).
  std::string create(const std::string& user, std::int64_t now);
  // The live session of `token`, its last_seen moved to now; nullopt (and forgotten) when it
  // expired or never existed.
  std::optional<Session> find(std::string_view token, std::int64_t now);
  void remove(std::string_view token);
  // Every session of a user, e.g. when the account is removed.
  void remove_user(const std::string& user);
  std::size_t size();

 private:
  bool expired(const Session& session, std::int64_t now) const;
  void drop_expired(std::int64_t now);

  std::int64_t idle_;
  std::int64_t max_;
  std::mutex mutex_;
  // Keyed by a hash of the token, so that looking one up compares no secret byte by byte.
  std::unordered_map<std::string, Session> sessions_;
};

}  // namespace galguard::review
