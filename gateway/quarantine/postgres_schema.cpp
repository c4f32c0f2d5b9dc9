#include "gateway/quarantine/postgres_schema.hpp"

#include <iterator>

namespace galguard::quarantine::pg {
namespace {

// Version N's changes are migrations[N - 1], applied in order. Mail-derived strings (envelope,
// verdict) are bytea: they may carry bytes that are not UTF-8, which a text column refuses.
// codes is jsonb for the list filter; the other lists are JSON text read whole with the row.
constexpr const char* migrations[] = {
    // v1: held messages and the hash-chained action log. held_order is SQLite's rowid: the
    // order of holding, which breaks ties between equal received_at.
    R"sql(
CREATE TABLE schema_version (version integer NOT NULL);
CREATE TABLE messages (
  id               text PRIMARY KEY,
  held_order       bigserial NOT NULL,
  received_at      bigint NOT NULL,
  raw              bytea NOT NULL,
  mail_from        bytea NOT NULL,
  rcpt_to          text NOT NULL,
  helo             bytea NOT NULL,
  client_addr      bytea NOT NULL,
  client_name      bytea NOT NULL,
  verdict_json     bytea NOT NULL,
  codes            jsonb NOT NULL,
  identity_numbers integer NOT NULL,
  categories       text NOT NULL,
  state            text NOT NULL CHECK (state IN ('held', 'released', 'deleted', 'expired'))
);
CREATE INDEX messages_by_time ON messages (received_at, held_order);
CREATE TABLE action_log (
  seq        bigint PRIMARY KEY,
  at         bigint NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  message_id text NOT NULL,
  reason     text NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
CREATE INDEX action_log_by_message ON action_log (message_id);
)sql",
    // v2: the delivery log: who relayed mail went to, never what it said (exposure reports).
    R"sql(
CREATE TABLE deliveries (
  address    text NOT NULL,
  at         bigint NOT NULL,
  message_id text NOT NULL
);
CREATE INDEX deliveries_by_address ON deliveries (address, at);
CREATE INDEX deliveries_by_time ON deliveries (at);
)sql",
    // v3: incident records (the JSON of incident_json.hpp) and the review UI's accounts.
    R"sql(
CREATE TABLE incidents (
  id         text PRIMARY KEY,
  number     bigint NOT NULL UNIQUE,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  message_id text NOT NULL,
  record     text NOT NULL
);
CREATE TABLE users (
  name          text PRIMARY KEY,
  role          text NOT NULL CHECK (role IN ('viewer', 'dpo')),
  password_hash text NOT NULL,
  created_at    bigint NOT NULL
);
)sql",
};
static_assert(std::size(migrations) == kSchemaVersion);

}  // namespace

void open_schema(Connection& c, int version) {
  Transaction tx(c);
  c.exec("SELECT pg_advisory_xact_lock($1)", Params().integer(kSchemaLock));
  const Result found_tables = c.exec(
      "SELECT (to_regclass('schema_version') IS NOT NULL)::int,"
      " (to_regclass('messages') IS NOT NULL OR to_regclass('action_log') IS NOT NULL)::int");
  std::int64_t found = 0;
  if (found_tables.integer(0, 0) != 0) {
    const Result read = c.exec("SELECT max(version) FROM schema_version");
    if (read.is_null(0, 0))
      throw Error(c.display(), "the quarantine's schema_version table is empty", "");
    found = read.integer(0, 0);
  } else if (found_tables.integer(0, 1) != 0) {
    // Another application's tables: do not write into them.
    throw Error(c.display(),
                "has tables named messages or action_log but no schema_version: not a galguard "
                "quarantine",
                "");
  }
  if (found > version)
    throw Error(c.display(),
                "quarantine schema version " + std::to_string(found) +
                    " is newer than this galguard knows (" + std::to_string(version) +
                    "); upgrade galguard",
                "");
  if (found == version) return;  // nothing written; the destructor rolls back
  for (std::int64_t v = found + 1; v <= version; ++v)
    c.exec_script(migrations[v - 1]);
  c.exec("INSERT INTO schema_version (version) VALUES ($1::int)",
         Params().integer(std::int64_t{version}));
  tx.commit();
}

}  // namespace galguard::quarantine::pg
