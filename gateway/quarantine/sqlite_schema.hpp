// The quarantine file's schema and its version. Opening a file written by a newer galguard
// refuses rather than guessing at columns it does not know.
#pragma once

#include "gateway/quarantine/sqlite_db.hpp"

namespace galguard::quarantine::sqlite {

// 1: messages and action log; 2: delivery log; 3: incidents and review UI accounts.
constexpr int kSchemaVersion = 3;

// Sets the journal and durability pragmas, then creates the schema (version `version`) or
// checks the existing one. Throws rules::InputError naming the file.
void open_schema(Db& db, int version);

}  // namespace galguard::quarantine::sqlite
