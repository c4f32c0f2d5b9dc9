// The delivery log behind `audit --exposure`: what a DPO counts when a bad directory entry is
// found, and what it must never hold.
#include "gateway/quarantine/delivery_log.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <vector>

#include "gateway/quarantine/sqlite_store.hpp"
#include "temp_dir.hpp"

namespace galguard::quarantine {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNow = 1'700'000'000;

TEST(DeliveryLog, CountsMessagesToAnyOfAnEntrysAddressesOnce) {
  testing::TempDir dir;
  DeliveryLog log(dir.file("q.db"));
  const std::vector<std::string> both = {"m.exempel@elevstockholm.onmicrosoft.com",
                                         "anna@stockholm.se"};
  log.record(both, kNow - 3 * kDay, "a@stockholm.se");  // to the entry once, although two rows
  log.record({{"M.Exempel@ElevStockholm.onmicrosoft.com"}}, kNow - kDay, "b@stockholm.se");
  log.record({{"anna@stockholm.se"}}, kNow - kDay, "c@stockholm.se");
  log.record({{"m.exempel@elevstockholm.onmicrosoft.com"}}, kNow - 40 * kDay, "old@stockholm.se");

  const std::vector<std::string> entry = {"m.exempel@elevstockholm.onmicrosoft.com",
                                          "smtp-alias@elevstockholm.onmicrosoft.com"};
  const Exposure last_30_days = log.exposure(entry, kNow - 30 * kDay);
  EXPECT_EQ(last_30_days.messages, 2);
  EXPECT_EQ(last_30_days.first, kNow - 3 * kDay);
  EXPECT_EQ(last_30_days.last, kNow - kDay);
  EXPECT_EQ(log.exposure(entry, kNow - 60 * kDay).messages, 3);
  EXPECT_EQ(log.exposure({{"nobody@stockholm.se"}}, 0).messages, 0);
}

TEST(DeliveryLog, PurgeForgetsOldDeliveries) {
  testing::TempDir dir;
  DeliveryLog log(dir.file("q.db"));
  log.record({{"a@x.se"}}, kNow - 100 * kDay, "1");
  log.record({{"a@x.se"}}, kNow - kDay, "2");
  EXPECT_EQ(log.purge(kNow - 90 * kDay), 1u);
  EXPECT_EQ(log.exposure({{"a@x.se"}}, 0).messages, 1);
}

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
  DeliveryLog log(path);
  log.record({{"a@x.se"}}, kNow, "1");
  EXPECT_EQ(log.exposure({{"a@x.se"}}, 0).messages, 1);
  SqliteStore again(path);  // the store opens the upgraded file too
}

}  // namespace
}  // namespace galguard::quarantine
