// A thin RAII layer over libpq: one connection, parameterised statements (prepared once per
// connection and reused), binary results, transactions. Values only ever travel as parameters,
// never inside SQL text. Every failure becomes rules::InputError naming the database by its URL
// with the password hidden (postgres_url.hpp).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/text/input_error.hpp"

namespace galguard::quarantine::pg {

// A server error: sqlstate is the five-character SQLSTATE ("23505" unique violation), empty
// when the connection itself failed.
class Error : public rules::InputError {
 public:
  Error(std::string place, const std::string& message, std::string sqlstate)
      : rules::InputError(std::move(place), message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// The connection was lost (server restart, network): Connection::open() again before reuse.
class ConnectionLost : public Error {
 public:
  using Error::Error;
};

// Parameters $1, $2, ... in order. Text and bytes go in binary format with their length, so
// NULs and 8-bit bytes arrive as they are (a NUL in text is refused by the server, never cut).
class Params {
 public:
  Params& text(std::string_view v);
  Params& text(const std::string& v) { return text(std::string_view(v)); }
  Params& text(const char* v) { return text(std::string_view(v)); }
  Params& text(const std::optional<std::string>& v);
  Params& bytes(std::string_view v);
  Params& bytes(const std::string& v) { return bytes(std::string_view(v)); }
  Params& bytes(const std::optional<std::string>& v);
  Params& integer(std::int64_t v);
  Params& integer(const std::optional<std::int64_t>& v);

  int size() const { return static_cast<int>(values_.size()); }
  const Oid* types() const { return types_.data(); }
  std::vector<const char*> values() const;
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  void add(Oid type, std::optional<std::string> value, int format);

  std::vector<Oid> types_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// Rows in binary format: text and bytea are their exact bytes.
class Result {
 public:
  explicit Result(PGresult* r) : r_(r, &PQclear) {}
  int rows() const { return PQntuples(r_.get()); }
  bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string bytes(int row, int col) const;     // text or bytea
  std::int64_t integer(int row, int col) const;  // int2, int4, int8
  std::size_t affected() const;                  // rows an UPDATE or DELETE changed
  const PGresult* get() const { return r_.get(); }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> r_;
};

class Connection {
 public:
  // Connects (throws Error naming redacted_url(url) when it cannot).
  explicit Connection(std::string url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // One parameterised statement; throws Error (ConnectionLost when the connection is gone).
  Result exec(const std::string& sql, const Params& params = {});
  // Several statements without parameters (schema, BEGIN, COMMIT).
  void exec_script(const char* sql);

  // Connects again when the last use found the connection broken.
  void reopen_if_broken();
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // Statements that succeeded since the last mark(): none means a retry cannot repeat work.
  void mark() { succeeded_ = 0; }
  int succeeded_since_mark() const { return succeeded_; }

  const std::string& display() const { return display_; }

 private:
  void open();
  [[noreturn]] void fail(const PGresult* r, std::string_view doing);

  std::string url_;
  std::string display_;  // the URL without its password, for every message
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  int succeeded_ = 0;
};

// BEGIN ... COMMIT, rolled back unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& c);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& c_;
  bool done_ = false;
};

// Runs one operation on `c` (the caller holds whatever guards it). A connection found dropped
// (server restart) is opened again first, and the operation is retried once when the connection
// was lost before the server did anything for it; otherwise ConnectionLost propagates, and the
// next call reconnects.
template <typename Operation>
auto with_reconnect(Connection& c, Operation&& operation) {
  c.reopen_if_broken();
  c.mark();
  try {
    return operation();
  } catch (const ConnectionLost&) {
    if (c.succeeded_since_mark() != 0) throw;  // it may have been applied: do not repeat it
    c.reopen_if_broken();
    c.mark();
    return operation();
  }
}

}  // namespace galguard::quarantine::pg
