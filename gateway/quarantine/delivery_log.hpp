// Where relayed mail went: recipient address, time and message id, nothing of the content. When
// the auditor finds a bad directory entry, this tells the DPO how many messages already went to
// its addresses (the "exposure" an Art. 33 notification for past mail is judged on).
// Kept in the quarantine's SQLite file; time is passed in, as everywhere in the store. Safe to
// call from several threads.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "gateway/quarantine/sqlite_db.hpp"

namespace galguard::quarantine {

struct Exposure {
  std::int64_t messages = 0;  // distinct message ids
  std::int64_t first = 0;     // unix time of the first and the last, 0 when none
  std::int64_t last = 0;
};

class DeliveryLog {
 public:
  // Opens (and creates or upgrades) the quarantine database at `path`.
  explicit DeliveryLog(const std::string& path, int busy_timeout_ms = 5000);

  // One row per recipient, in one transaction. Addresses are compared case-insensitively.
  void record(std::span<const std::string> recipients, std::int64_t at,
              std::string_view message_id);
  // The messages that went to any of `addresses` at or after `since`.
  Exposure exposure(std::span<const std::string> addresses, std::int64_t since);
  // Storage limitation: rows older than `older_than` go. Returns how many.
  std::size_t purge(std::int64_t older_than);

 private:
  std::mutex mutex_;
  sqlite::Db db_;
};

}  // namespace galguard::quarantine
