// What only the SQLite backend can get wrong: durability across reopen, tamper evidence on the
// file, and clear refusals for files it must not use.
#include "gateway/quarantine/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "rules/text/input_error.hpp"
#include "sample_messages.hpp"
#include "temp_dir.hpp"

namespace galguard::quarantine {
namespace {

using testing::sample_message;

// Plays the attacker (or a careless admin) editing the file behind the store's back.
void exec_on_file(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

std::string open_error(const std::string& path) {
  try {
    SqliteStore store(path);
  } catch (const rules::InputError& e) {
    EXPECT_EQ(e.place(), path);
    return e.what();
  }
  ADD_FAILURE() << "opening " << path << " did not throw";
  return {};
}

TEST(SqliteStore, EverythingSurvivesReopen) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  HeldMessage kept = sample_message(100, "a@example.com", {"GG101"});
  std::string released_id;
  {
    SqliteStore store(path);
    kept.id = store.hold(kept);
    released_id = store.hold(sample_message(200, "b@example.com", {"GG202"}));
    store.transition(released_id, State::released, "op", "ok", 300);
  }
  SqliteStore store(path);
  EXPECT_EQ(store.get(kept.id), kept);
  EXPECT_EQ(store.get(released_id)->state, State::released);
  EXPECT_EQ(store.list({}).size(), 2u);
  EXPECT_EQ(store.action_log(std::nullopt).size(), 3u);
  EXPECT_TRUE(store.verify_chain().ok);
  // The chain continues where it left off.
  store.log(400, "op", "viewed-body", kept.id, "");
  const auto log = store.action_log(std::nullopt);
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log.back().seq, 4);
  EXPECT_TRUE(store.verify_chain().ok);
}

TEST(SqliteStore, IncidentsAndUsersSurviveReopen) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  Incident written;
  {
    SqliteStore store(path);
    Incident i;
    i.organisation = "Stockholms stad";
    i.discovered_at = 1764079500;
    i.ended_at = 1764080000;
    i.recipients = {"Service Desk 33900 <maria-sfbo@elevstockholm.onmicrosoft.com>"};
    i.data_categories = {"identity_number"};
    i.encrypted = true;
    store.create_incident(i, "dpo", 500);
    written = *store.incident("INC-1");
    store.add_user({"anna", Role::dpo, "$argon2id$a", 0}, "root", 600);
  }
  SqliteStore store(path);
  EXPECT_EQ(store.incident("INC-1"), written);
  EXPECT_EQ(written.recipients.size(), 1u);
  EXPECT_EQ(store.user("anna"), (User{"anna", Role::dpo, "$argon2id$a", 600}));
  // Numbering continues after the highest stored number, not from 1 again.
  EXPECT_EQ(store.create_incident({}, "dpo", 700), "INC-2");
  EXPECT_TRUE(store.verify_chain().ok);
}

TEST(SqliteStore, VersionTwoFileIsUpgradedAndKeepsItsRows) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  std::string id;
  {
    sqlite::Db db(path, 1000);
    sqlite::open_schema(db, 2);
  }
  {
    // What galguard with schema 2 held; written by hand since that galguard is gone.
    exec_on_file(path,
                 "INSERT INTO messages VALUES ('00000000000000aa', 100, x'41', 'a@example.com',"
                 " '[\"b@example.org\"]', 'mx', '192.0.2.1', '', '{}', '[\"GG101\"]', 1,"
                 " '[\"health\"]', 'held');"
                 "INSERT INTO deliveries VALUES ('b@example.org', 90, 'q1');");
  }
  SqliteStore store(path);
  const auto kept = store.get("00000000000000aa");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->raw, "A");
  EXPECT_EQ(kept->codes, std::vector<std::string>{"GG101"});
  EXPECT_EQ(store.create_incident({}, "dpo", 500), "INC-1");
  store.add_user({"anna", Role::viewer, "$argon2id$a", 0}, "root", 600);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_version", -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 3);
  sqlite3_finalize(st);
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM deliveries", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 1);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(SqliteStore, UsesWalAndFullSync) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  SqliteStore store(path);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(SqliteStore, TamperedReasonIsReportedBySeq) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  {
    SqliteStore store(path);
    const std::string id = store.hold(sample_message(1, "a@example.com", {}));
    store.transition(id, State::deleted, "op", "phishing", 2);
    store.log(3, "op", "viewed-body", id, "audit");
    ASSERT_TRUE(store.verify_chain().ok);
  }
  exec_on_file(path, "UPDATE action_log SET reason = 'released by mistake' WHERE seq = 2");
  SqliteStore store(path);
  const ChainCheck check = store.verify_chain();
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_seq, 2);
}

TEST(SqliteStore, DeletedLogRowIsReported) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  {
    SqliteStore store(path);
    for (int i = 0; i < 4; ++i)
      store.log(i, "op", "viewed-body", "x", "");
  }
  exec_on_file(path, "DELETE FROM action_log WHERE seq = 3");
  SqliteStore store(path);
  EXPECT_EQ(store.verify_chain().first_bad_seq, 4);
}

TEST(SqliteStore, JunkFileIsAnInputErrorNamingThePath) {
  testing::TempDir dir;
  const std::string path = dir.file("junk.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 512; ++i)
      out << "this is not a database\n";
  }
  const std::string what = open_error(path);
  EXPECT_NE(what.find(path), std::string::npos) << what;
  EXPECT_NE(what.find("not a SQLite database"), std::string::npos) << what;
}

TEST(SqliteStore, UnopenablePathIsAnInputError) {
  testing::TempDir dir;
  const std::string path = dir.file("missing-dir/q.db");
  EXPECT_NE(open_error(path).find("cannot open"), std::string::npos);
}

TEST(SqliteStore, NewerSchemaVersionIsRefused) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  { SqliteStore store(path); }
  exec_on_file(path, "UPDATE schema_version SET version = 4");
  const std::string what = open_error(path);
  EXPECT_NE(what.find("schema version 4 is newer"), std::string::npos) << what;
}

TEST(SqliteStore, ForeignDatabaseIsRefused) {
  testing::TempDir dir;
  const std::string path = dir.file("other.db");
  exec_on_file(path, "CREATE TABLE accounts (id INTEGER)");
  EXPECT_NE(open_error(path).find("not a galguard quarantine"), std::string::npos);
}

TEST(SqliteStore, LockedBeyondTimeoutIsAnInputErrorAndNothingIsLost) {
  testing::TempDir dir;
  const std::string path = dir.file("q.db");
  SqliteStore store(path, /*busy_timeout_ms=*/50);
  // Another process holds the write lock.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  try {
    store.hold(sample_message(1, "a@example.com", {}));
    ADD_FAILURE() << "hold under a foreign write lock did not throw";
  } catch (const rules::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  // The failed hold left nothing half-written; the store works again.
  EXPECT_TRUE(store.list({}).empty());
  EXPECT_TRUE(store.action_log(std::nullopt).empty());
  store.hold(sample_message(2, "b@example.com", {}));
  EXPECT_EQ(store.list({}).size(), 1u);
  EXPECT_TRUE(store.verify_chain().ok);
}

}  // namespace
}  // namespace galguard::quarantine
