// The delivery log in the quarantine's SQLite file (schema version 2; a version 1 file is
// upgraded in place).
#pragma once

#include <mutex>

#include "gateway/quarantine/delivery_log.hpp"
#include "gateway/quarantine/sqlite_db.hpp"

namespace galguard::quarantine {

class SqliteDeliveryLog final : public DeliveryLog {
 public:
  // Opens (and creates or upgrades) the quarantine database at `path`.
  explicit SqliteDeliveryLog(const std::string& path, int busy_timeout_ms = 5000);

  void record_all(std::span<const Delivery> deliveries) override;
  Exposure exposure(std::span<const std::string> addresses, std::int64_t since) override;
  std::size_t purge(std::int64_t older_than) override;

 private:
  std::mutex mutex_;
  sqlite::Db db_;
};

}  // namespace galguard::quarantine
