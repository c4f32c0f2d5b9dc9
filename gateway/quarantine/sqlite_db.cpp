#include "gateway/quarantine/sqlite_db.hpp"

#include "rules/text/input_error.hpp"

namespace galguard::quarantine::sqlite {

Db::Db(std::string path, int busy_timeout_ms)
    : path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms) {
  const int rc =
      sqlite3_open_v2(path_.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    // The handle must be closed even when open fails, or it leaks.
    const std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw rules::InputError(path_, "cannot open quarantine database: " + detail);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms_);
}

Db::~Db() {
  sqlite3_close_v2(db_);
}

void Db::exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) fail(rc, sql);
}

void Db::fail(int rc, std::string_view doing) const {
  std::string what;
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
      what = "not a SQLite database (wrong file, or encrypted)";
      break;
    case SQLITE_CORRUPT:
      what = "the quarantine database is corrupt";
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      what = "the quarantine database is locked by another process beyond the busy timeout of " +
             std::to_string(busy_timeout_ms_) + " ms";
      break;
    case SQLITE_FULL:
      what = "the disk holding the quarantine database is full";
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      what = "the quarantine database cannot be written";
      break;
    default:
      what = "quarantine database error";
  }
  throw rules::InputError(path_, what + " (" + sqlite3_errmsg(db_) +
                                     ", while: " + std::string(doing.substr(0, 60)) + ")");
}

Stmt::Stmt(Db& db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, sql);
}

Stmt::~Stmt() {
  sqlite3_finalize(stmt_);
}

Stmt& Stmt::bind(int i, std::int64_t v) {
  if (int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind(int i, std::string_view text) {
  if (int rc =
          sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      rc != SQLITE_OK)
    db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind_blob(int i, std::string_view bytes) {
  // An empty blob with a null pointer would bind NULL; zeroblob(0) keeps it an empty value.
  const int rc = bytes.empty()
                     ? sqlite3_bind_zeroblob(stmt_, i, 0)
                     : sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind_null(int i) {
  if (int rc = sqlite3_bind_null(stmt_, i); rc != SQLITE_OK) db_.fail(rc, "bind");
  return *this;
}

Stmt& Stmt::bind(int i, const std::optional<std::string>& text) {
  return text ? bind(i, std::string_view(*text)) : bind_null(i);
}

bool Stmt::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const char* sql = sqlite3_sql(stmt_);
  sqlite3_reset(stmt_);
  db_.fail(rc, sql ? sql : "step");
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Stmt::integer(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::string Stmt::text(int col) const {
  // Ask for the blob pointer first, then the size, as the SQLite docs require.
  const void* p = sqlite3_column_blob(stmt_, col);
  const int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

bool Stmt::is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

Transaction::Transaction(Db& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace galguard::quarantine::sqlite
