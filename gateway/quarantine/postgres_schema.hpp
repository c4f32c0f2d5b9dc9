// The PostgreSQL quarantine's schema and its versioned migrations. Version numbers mean the same
// as the SQLite file's (sqlite_schema.hpp). Several gateways may start at once against one
// database: the check and any migration run in one transaction under an advisory lock, so one
// of them migrates and the others find the result.
#pragma once

#include <cstdint>

#include "gateway/quarantine/postgres_db.hpp"

namespace galguard::quarantine::pg {

// 1: messages and action log; 2: delivery log; 3: incidents and review UI accounts.
constexpr int kSchemaVersion = 3;

// pg_advisory_xact_lock keys ("galguar" + 1, + 2), held until the transaction ends.
// kChainLock serialises every write that appends to the action log: reading the chain's tail
// and inserting the next row must not interleave with another writer, in any process.
constexpr std::int64_t kSchemaLock = 0x67616c6775617201;
constexpr std::int64_t kChainLock = 0x67616c6775617202;

// Creates the schema (at `version`), upgrades an older one, or refuses a newer one or a database
// that has tables of the same names but is not a galguard quarantine. Throws Error.
void open_schema(Connection& c, int version);

}  // namespace galguard::quarantine::pg
