// The PostgreSQL quarantine against a private server (postgres_fixture.hpp): the very same
// behaviour suites as the SQLite and memory backends, then what only a shared server can get
// wrong: the URL's password in messages, a server restart, schema versions and migrations.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "gateway/quarantine/delivery_log_postgres.hpp"
#include "gateway/quarantine/open_store.hpp"
#include "gateway/quarantine/postgres_schema.hpp"
#include "gateway/quarantine/postgres_store.hpp"
#include "tests/integration/postgres/postgres_fixture.hpp"
#include "tests/unit/quarantine/delivery_log_suite.hpp"
#include "tests/unit/quarantine/store_behaviour_suite.hpp"

namespace galguard::quarantine::testing {
namespace {

using galguard::testing::postgres_unavailable;
using galguard::testing::PostgresCluster;

struct PostgresBackend {
  static std::string unavailable() { return postgres_unavailable(); }
  std::unique_ptr<QuarantineStore> open() {
    return open_quarantine(PostgresCluster::shared().create_database());
  }
  std::unique_ptr<DeliveryLog> open_log() {
    return open_delivery_log(PostgresCluster::shared().create_database());
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StoreBehaviour, PostgresBackend);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, DeliveryLogBehaviour, PostgresBackend);

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = postgres_unavailable(); !why.empty()) GTEST_SKIP() << why;
    url = PostgresCluster::shared().create_database();
  }
  // The database name, for admin().
  std::string database() const { return url.substr(url.rfind('/') + 1); }

  std::string url;
};

std::string open_error(const std::string& url) {
  try {
    PostgresStore store(url);
  } catch (const rules::InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "opening " << display_database(url) << " did not throw";
  return {};
}

TEST_F(PostgresStoreTest, ChoosesPostgresForAUrlAndSqliteForAPath) {
  EXPECT_TRUE(is_database_url(url));
  EXPECT_TRUE(is_database_url("postgres://db.example/q"));
  EXPECT_FALSE(is_database_url("var/quarantine.db"));
  EXPECT_FALSE(is_database_url("/var/lib/galguard/postgresql://x"));
  EXPECT_NE(dynamic_cast<PostgresStore*>(open_quarantine(url).get()), nullptr);
}

TEST_F(PostgresStoreTest, EverythingSurvivesReopen) {
  std::string id;
  {
    PostgresStore store(url);
    id = store.hold(sample_message(100, "a@example.com", {"GG101"}));
    store.add_user({"anna", Role::dpo, "$argon2id$a", 1}, "root", 2);
  }
  PostgresStore again(url);
  const auto got = again.get(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->raw, sample_message(100, "a@example.com", {"GG101"}).raw);
  EXPECT_EQ(again.users().size(), 1u);
  EXPECT_EQ(again.action_log(std::nullopt).size(), 2u);
  EXPECT_TRUE(again.verify_chain().ok);
}

TEST_F(PostgresStoreTest, ErrorsNameTheDatabaseButNeverThePassword) {
  const std::string wrong_password =
      url.substr(0, url.find(':', 13) + 1) + "not-the-password" + url.substr(url.find('@'));
  const std::string refused = open_error(wrong_password);
  EXPECT_NE(refused.find("cannot connect to the quarantine database"), std::string::npos)
      << refused;
  EXPECT_NE(refused.find("postgresql://galguard:***@127.0.0.1:"), std::string::npos) << refused;
  EXPECT_EQ(refused.find("not-the-password"), std::string::npos) << refused;

  const std::string nobody_there =
      "postgresql://galguard:" + std::string(PostgresCluster::kPassword) +
      "@127.0.0.1:" + std::to_string(galguard::testing::free_port()) + "/q";
  const std::string unreachable = open_error(nobody_there);
  EXPECT_NE(unreachable.find("cannot connect"), std::string::npos) << unreachable;
  EXPECT_EQ(unreachable.find(PostgresCluster::kPassword), std::string::npos) << unreachable;
  EXPECT_EQ(display_database(url).find(PostgresCluster::kPassword), std::string::npos);
  EXPECT_EQ(display_database("postgresql://u@h/d?sslmode=require&password=p%40ss"),
            "postgresql://u@h/d?sslmode=require&password=***");
  EXPECT_EQ(display_database("var/quarantine.db"), "var/quarantine.db");
}

TEST_F(PostgresStoreTest, ALongRunningStoreSurvivesAServerRestart) {
  PostgresStore store(url);
  const std::string before = store.hold(sample_message(1, "a@example.com", {}));
  PostgresCluster::shared().restart();
  // The first call after the restart finds the connection cut, reconnects and goes on.
  const std::string after = store.hold(sample_message(2, "b@example.com", {}));
  EXPECT_TRUE(store.get(before));
  EXPECT_TRUE(store.get(after));
  EXPECT_EQ(store.action_log(std::nullopt).size(), 2u);
  EXPECT_TRUE(store.verify_chain().ok);
  PostgresDeliveryLog log(url);
  PostgresCluster::shared().restart();
  log.record({{"a@x.se"}}, 10, "m1");
  EXPECT_EQ(log.exposure({{"a@x.se"}}, 0).messages, 1);
}

TEST_F(PostgresStoreTest, TamperedOrRemovedLogRowsAreReportedBySeq) {
  {
    PostgresStore store(url);
    const std::string id = store.hold(sample_message(1, "a@example.com", {}));
    store.transition(id, State::released, "op", "checked", 2);
    store.log(3, "op", "viewed-body", id, "ticket 1");
  }
  PostgresCluster::shared().admin(database(),
                                  "UPDATE action_log SET reason = 'nothing to see' WHERE seq = 2");
  PostgresStore store(url);
  ChainCheck check = store.verify_chain();
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_seq, 2);
  PostgresCluster::shared().admin(database(), "DELETE FROM action_log WHERE seq <= 2");
  check = store.verify_chain();
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.first_bad_seq, 3);
}

TEST_F(PostgresStoreTest, ADatabaseOfAnOlderSchemaIsUpgradedAndKeepsItsRows) {
  {
    // What a galguard of schema version 1 made: messages and the action log only.
    pg::Connection old(url);
    pg::open_schema(old, 1);
    old.exec(
        "INSERT INTO messages (id, received_at, raw, mail_from, rcpt_to, helo, client_addr,"
        " client_name, verdict_json, codes, identity_numbers, categories, state) VALUES"
        " ('oldmessage', 5, '\\x00ff'::bytea, 'a@x.se', '[\"b@x.se\"]', '', '', '', '{}',"
        " '[\"GG101\"]', 0, '[]', 'held')");
  }
  PostgresCluster::shared().admin(database(), "SELECT 1 FROM messages");  // it is there
  PostgresStore store(url);
  const auto old = store.get("oldmessage");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->raw, std::string("\0\xff", 2));
  // Tables of versions 2 and 3 exist now.
  store.add_user({"anna", Role::dpo, "$argon2id$a", 1}, "root", 2);
  EXPECT_EQ(store.create_incident({}, "anna", 3), "INC-1");
  PostgresDeliveryLog log(url);
  log.record({{"a@x.se"}}, 10, "m1");
  EXPECT_EQ(log.exposure({{"a@x.se"}}, 0).messages, 1);
  pg::Connection check(url);
  EXPECT_EQ(check.exec("SELECT max(version) FROM schema_version").integer(0, 0),
            pg::kSchemaVersion);
}

TEST_F(PostgresStoreTest, ANewerSchemaVersionIsRefused) {
  { PostgresStore store(url); }
  PostgresCluster::shared().admin(database(), "INSERT INTO schema_version VALUES (99)");
  const std::string error = open_error(url);
  EXPECT_NE(error.find("quarantine schema version 99 is newer than this galguard knows"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("upgrade galguard"), std::string::npos) << error;
  EXPECT_THROW(PostgresDeliveryLog{url}, rules::InputError);
}

TEST_F(PostgresStoreTest, AnotherApplicationsTablesAreNotUsed) {
  PostgresCluster::shared().admin(database(), "CREATE TABLE messages (id integer)");
  const std::string error = open_error(url);
  EXPECT_NE(error.find("not a galguard quarantine"), std::string::npos) << error;
}

TEST_F(PostgresStoreTest, AServerErrorIsAnInputErrorNamingTheDatabase) {
  PostgresStore store(url);
  // Text columns refuse a NUL: a clear error, never a value cut short in silence.
  EXPECT_THROW(
      {
        try {
          store.log(1, std::string("op\0erator", 9), "viewed-body", "", "");
        } catch (const rules::InputError& e) {
          EXPECT_NE(std::string(e.what()).find("postgresql://galguard:***@"), std::string::npos)
              << e.what();
          throw;
        }
      },
      rules::InputError);
  EXPECT_TRUE(store.action_log(std::nullopt).empty());
  store.log(2, "operator", "viewed-body", "", "");  // the connection is still usable
  EXPECT_TRUE(store.verify_chain().ok);
}

}  // namespace
}  // namespace galguard::quarantine::testing
