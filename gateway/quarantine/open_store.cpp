#include "gateway/quarantine/open_store.hpp"

#include "gateway/quarantine/delivery_log_postgres.hpp"
#include "gateway/quarantine/delivery_log_sqlite.hpp"
#include "gateway/quarantine/postgres_store.hpp"
#include "gateway/quarantine/postgres_url.hpp"
#include "gateway/quarantine/sqlite_store.hpp"

namespace galguard::quarantine {

bool is_database_url(std::string_view database) {
  return pg::is_postgres_url(database);
}

std::string display_database(std::string_view database) {
  return is_database_url(database) ? pg::redacted_url(database) : std::string(database);
}

std::unique_ptr<QuarantineStore> open_quarantine(const std::string& database) {
  if (is_database_url(database)) return std::make_unique<PostgresStore>(database);
  return std::make_unique<SqliteStore>(database);
}

std::unique_ptr<DeliveryLog> open_delivery_log(const std::string& database) {
  if (is_database_url(database)) return std::make_unique<PostgresDeliveryLog>(database);
  return std::make_unique<SqliteDeliveryLog>(database);
}

}  // namespace galguard::quarantine
