// A thin RAII layer over the sqlite3 C API: one connection, prepared statements, transactions.
// Every failure becomes rules::InputError naming the database file, with a sentence an operator
// can act on (locked, not a database, corrupt) rather than a bare SQLite code.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace galguard::quarantine::sqlite {

class Db;

class Stmt {
 public:
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binds are 1-based, as in SQL. Text and blobs are copied (SQLITE_TRANSIENT).
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, std::string_view text);
  Stmt& bind_blob(int i, std::string_view bytes);
  Stmt& bind_null(int i);
  Stmt& bind(int i, const std::optional<std::string>& text);

  bool step();  // true while a row is available
  void run();   // step to completion, then reset
  void reset();

  std::int64_t integer(int col) const;
  std::string text(int col) const;  // blobs too: exact bytes, NULs included
  bool is_null(int col) const;

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Db {
 public:
  Db(std::string path, int busy_timeout_ms);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const char* sql);
  [[noreturn]] void fail(int rc, std::string_view doing) const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  int busy_timeout_ms() const { return busy_timeout_ms_; }

 private:
  std::string path_;
  int busy_timeout_ms_;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE takes the write lock up front, so reading the chain's tail and appending to it
// cannot interleave with another process writing the same file. Rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace galguard::quarantine::sqlite
