#include "gateway/quarantine/sqlite_schema.hpp"

#include <iterator>

#include "rules/text/input_error.hpp"

namespace galguard::quarantine::sqlite {
namespace {

// Lists (rcpt_to, codes, categories) are JSON arrays: read whole with the row, filtered with
// json_each; no join tables for what is never queried on its own.
constexpr const char* schema_v1 = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE messages (
  id               TEXT PRIMARY KEY,
  received_at      INTEGER NOT NULL,
  raw              BLOB NOT NULL,
  mail_from        TEXT NOT NULL,
  rcpt_to          TEXT NOT NULL,
  helo             TEXT NOT NULL,
  client_addr      TEXT NOT NULL,
  client_name      TEXT NOT NULL,
  verdict_json     TEXT NOT NULL,
  codes            TEXT NOT NULL,
  identity_numbers INTEGER NOT NULL,
  categories       TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('held', 'released', 'deleted', 'expired'))
);
CREATE INDEX messages_by_time ON messages (received_at);
CREATE TABLE action_log (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  message_id TEXT NOT NULL,
  reason     TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE INDEX action_log_by_message ON action_log (message_id);
)sql";

// Each later version's changes, applied in order to a file of an earlier one.
// v2: the delivery log: who relayed mail went to, never what it said (exposure reports).
constexpr const char* migrations[] = {
    R"sql(
CREATE TABLE deliveries (
  address    TEXT NOT NULL,
  at         INTEGER NOT NULL,
  message_id TEXT NOT NULL
);
CREATE INDEX deliveries_by_address ON deliveries (address, at);
CREATE INDEX deliveries_by_time ON deliveries (at);
)sql",
    // v3: incident records and the review UI's accounts. The record is the JSON of
    // incident_json.hpp, so a new form field needs no migration; the columns beside it are what
    // is sorted or looked up by.
    R"sql(
CREATE TABLE incidents (
  id         TEXT PRIMARY KEY,
  number     INTEGER NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  record     TEXT NOT NULL
);
CREATE TABLE users (
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'dpo')),
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
)sql",
};
static_assert(std::size(migrations) + 1 == kSchemaVersion);

void migrate(Db& db, std::int64_t from, int to) {
  for (std::int64_t v = from + 1; v <= to; ++v)
    db.exec(migrations[v - 2]);
  if (from == to) return;
  Stmt insert(db, "INSERT INTO schema_version (version) VALUES (?)");
  insert.bind(1, static_cast<std::int64_t>(to)).run();
}

}  // namespace

void open_schema(Db& db, int version) {
  // The first statement that reads the file: a junk file fails here with SQLITE_NOTADB.
  {
    Stmt wal(db, "PRAGMA journal_mode=WAL");
    if (!wal.step() || wal.text(0) != "wal") {
      throw rules::InputError(db.path(), "the quarantine database cannot use WAL journaling");
    }
  }
  db.exec("PRAGMA synchronous=FULL");
  // Purged and deleted bytes are overwritten on disk, not left in free pages (storage limitation).
  db.exec("PRAGMA secure_delete=ON");

  Transaction tx(db);
  Stmt has_version(db, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'");
  has_version.step();
  if (has_version.integer(0) == 0) {
    Stmt any(db, "SELECT count(*) FROM sqlite_master");
    any.step();
    if (any.integer(0) != 0) {
      throw rules::InputError(
          db.path(), "a SQLite database but not a galguard quarantine (no schema_version)");
    }
    db.exec(schema_v1);
    migrate(db, 1, version);
    if (version == 1) {
      Stmt insert(db, "INSERT INTO schema_version (version) VALUES (1)");
      insert.run();
    }
  } else {
    Stmt read(db, "SELECT max(version) FROM schema_version");
    if (!read.step() || read.is_null(0)) {
      throw rules::InputError(db.path(), "the quarantine's schema_version table is empty");
    }
    const std::int64_t found = read.integer(0);
    if (found > version) {
      throw rules::InputError(db.path(), "quarantine schema version " + std::to_string(found) +
                                             " is newer than this galguard knows (" +
                                             std::to_string(version) + "); upgrade galguard");
    }
    migrate(db, found, version);
  }
  tx.commit();
}

}  // namespace galguard::quarantine::sqlite
