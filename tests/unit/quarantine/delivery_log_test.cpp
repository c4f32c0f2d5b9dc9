// The delivery log behind `audit --exposure` in the SQLite file: the shared behaviour suite
// (delivery_log_suite.hpp), and what only the file can get wrong.
#include "gateway/quarantine/delivery_log_sqlite.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <vector>

#include "delivery_log_suite.hpp"
#include "gateway/quarantine/sqlite_store.hpp"
#include "temp_dir.hpp"

namespace galguard::quarantine::testing {
namespace {

struct SqliteBackend {
  static std::string unavailable() { return ""; }
  TempDir dir;
  std::unique_ptr<DeliveryLog> open_log() {
    return std::make_unique<SqliteDeliveryLog>(dir.file("q.db"));
  }
};
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, DeliveryLogBehaviour, SqliteBackend);

}  // namespace
}  // namespace galguard::quarantine::testing

namespace galguard::quarantine {
namespace {

using testing::kNow;

TEST(DeliveryLog, SharesTheQuarantineFileAndUpgradesAnOldOne) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  { SqliteStore store(path); }
  // A file from before the delivery log: version 1, no table.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TABLE deliveries; DROP TABLE incidents; DROP TABLE users; "
                           "DELETE FROM schema_version; "
                           "INSERT INTO schema_version VALUES (1)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  SqliteDeliveryLog log(path);
  log.record({{"a@x.se"}}, kNow, "1");
  EXPECT_EQ(log.exposure({{"a@x.se"}}, 0).messages, 1);
  SqliteStore again(path);  // the store opens the upgraded file too
}

}  // namespace
}  // namespace galguard::quarantine
