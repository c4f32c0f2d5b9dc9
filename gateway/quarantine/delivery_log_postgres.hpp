// The delivery log in the PostgreSQL quarantine (schema version 2 and later), shared by every
// gateway of the database, so `audit --exposure` counts what any of them relayed.
#pragma once

#include <mutex>

#include "gateway/quarantine/delivery_log.hpp"
#include "gateway/quarantine/postgres_db.hpp"

namespace galguard::quarantine {

class PostgresDeliveryLog final : public DeliveryLog {
 public:
  // Connects and creates, upgrades or checks the schema (postgres_schema.hpp).
  explicit PostgresDeliveryLog(const std::string& url);

  void record_all(std::span<const Delivery> deliveries) override;
  Exposure exposure(std::span<const std::string> addresses, std::int64_t since) override;
  std::size_t purge(std::int64_t older_than) override;

 private:
  std::mutex mutex_;  // one connection
  pg::Connection db_;
};

}  // namespace galguard::quarantine
