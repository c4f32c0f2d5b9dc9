#include "gateway/quarantine/delivery_log_sqlite.hpp"

#include <sqlite3.h>

#include "gateway/quarantine/sqlite_schema.hpp"
#include "rules/text/ascii.hpp"

namespace galguard::quarantine {

SqliteDeliveryLog::SqliteDeliveryLog(const std::string& path, int busy_timeout_ms)
    : db_(path, busy_timeout_ms) {
  sqlite::open_schema(db_, sqlite::kSchemaVersion);
  // This connection only: a delivery-log commit need not wait for the disk (in WAL mode NORMAL
  // syncs at checkpoints). The message already went, nobody waits for this row, and a power cut
  // loses at most the last rows; the quarantine's own connection stays synchronous=FULL, and
  // its next commit syncs these rows too. The fsync per commit was a seventh of galguard's CPU
  // under load.
  db_.exec("PRAGMA synchronous=NORMAL");
}

void SqliteDeliveryLog::record_all(std::span<const Delivery> deliveries) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  sqlite::Stmt insert(db_, "INSERT INTO deliveries (address, at, message_id) VALUES (?, ?, ?)");
  for (const Delivery& delivery : deliveries) {
    for (const auto& recipient : delivery.recipients) {
      insert.bind(1, std::string_view(rules::ascii_lower(recipient)))
          .bind(2, delivery.at)
          .bind(3, std::string_view(delivery.message_id))
          .run();
    }
  }
  tx.commit();
}

Exposure SqliteDeliveryLog::exposure(std::span<const std::string> addresses, std::int64_t since) {
  // One statement per call over a temporary list, so an entry with many proxy addresses is
  // counted once per message, not once per address.
  std::lock_guard lock(mutex_);
  db_.exec("CREATE TEMP TABLE IF NOT EXISTS wanted (address TEXT PRIMARY KEY)");
  db_.exec("DELETE FROM temp.wanted");
  {
    sqlite::Stmt add(db_, "INSERT OR IGNORE INTO temp.wanted (address) VALUES (?)");
    for (const auto& address : addresses)
      add.bind(1, std::string_view(rules::ascii_lower(address))).run();
  }
  sqlite::Stmt count(db_,
                     "SELECT count(DISTINCT message_id), coalesce(min(at), 0), "
                     "coalesce(max(at), 0) FROM deliveries "
                     "WHERE at >= ? AND address IN (SELECT address FROM temp.wanted)");
  count.bind(1, since);
  Exposure out;
  if (count.step()) {
    out.messages = count.integer(0);
    out.first = count.integer(1);
    out.last = count.integer(2);
  }
  return out;
}

std::size_t SqliteDeliveryLog::purge(std::int64_t older_than) {
  std::lock_guard lock(mutex_);
  sqlite::Stmt remove(db_, "DELETE FROM deliveries WHERE at < ?");
  remove.bind(1, older_than).run();
  return static_cast<std::size_t>(sqlite3_changes(db_.handle()));
}

}  // namespace galguard::quarantine
