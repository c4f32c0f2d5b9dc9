#include "gateway/quarantine/postgres_db.hpp"

#include <arpa/inet.h>

#include <cstring>

#include "gateway/quarantine/postgres_url.hpp"

namespace galguard::quarantine::pg {
namespace {

// pg_type.h's OIDs (server headers are not part of libpq-dev).
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;
constexpr Oid kBytea = 17;

// libpq messages end in a newline and may run over several lines.
std::string one_line(const char* message) {
  std::string out = message ? message : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
    out.pop_back();
  for (char& c : out)
    if (c == '\n' || c == '\t') c = ' ';
  return out;
}

}  // namespace

void Params::add(Oid type, std::optional<std::string> value, int format) {
  types_.push_back(type);
  lengths_.push_back(value ? static_cast<int>(value->size()) : 0);
  formats_.push_back(format);
  values_.push_back(std::move(value));
}

Params& Params::text(std::string_view v) {
  add(kText, std::string(v), 1);
  return *this;
}

Params& Params::text(const std::optional<std::string>& v) {
  add(kText, v, 1);
  return *this;
}

Params& Params::bytes(std::string_view v) {
  add(kBytea, std::string(v), 1);
  return *this;
}

Params& Params::bytes(const std::optional<std::string>& v) {
  add(kBytea, v, 1);
  return *this;
}

Params& Params::integer(std::int64_t v) {
  add(kInt8, std::to_string(v), 0);
  return *this;
}

Params& Params::integer(const std::optional<std::int64_t>& v) {
  add(kInt8, v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt, 0);
  return *this;
}

std::vector<const char*> Params::values() const {
  std::vector<const char*> out;
  for (const auto& v : values_)
    out.push_back(v ? v->data() : nullptr);
  return out;
}

std::string Result::bytes(int row, int col) const {
  return {PQgetvalue(r_.get(), row, col),
          static_cast<std::size_t>(PQgetlength(r_.get(), row, col))};
}

std::int64_t Result::integer(int row, int col) const {
  const char* p = PQgetvalue(r_.get(), row, col);
  const Oid type = PQftype(r_.get(), col);
  std::uint64_t v = 0;
  const int n = PQgetlength(r_.get(), row, col);
  if ((type != kInt2 && type != kInt4 && type != kInt8) || n > 8)
    throw std::logic_error("postgres: column " + std::to_string(col) + " is not an integer");
  for (int i = 0; i < n; ++i)
    v = (v << 8) | static_cast<unsigned char>(p[i]);
  // Sign-extend the narrower types.
  if (n < 8 && n > 0 && (static_cast<unsigned char>(p[0]) & 0x80))
    v |= ~std::uint64_t{0} << (n * 8);
  return static_cast<std::int64_t>(v);
}

std::size_t Result::affected() const {
  const char* n = PQcmdTuples(r_.get());
  return n && *n ? static_cast<std::size_t>(std::stoull(n)) : 0;
}

Connection::Connection(std::string url) : url_(std::move(url)), display_(redacted_url(url_)) {
  open();
}

Connection::~Connection() {
  PQfinish(conn_);
}

void Connection::open() {
  PQfinish(conn_);
  conn_ = nullptr;
  prepared_.clear();
  // A default connect timeout, before the URL so the URL's own connect_timeout wins: libpq's
  // default is to wait forever, and a gateway must answer 4xx instead.
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"10", url_.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn_ == nullptr)
    throw Error(display_, "cannot connect to the quarantine database: out of memory", "");
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = one_line(PQerrorMessage(conn_));
    throw ConnectionLost(display_, "cannot connect to the quarantine database: " + why, "");
  }
  // Text travels in binary format, i.e. in the client encoding: make that UTF-8.
  if (PQsetClientEncoding(conn_, "UTF8") != 0)
    throw Error(display_, "the quarantine database cannot use UTF-8 as client encoding", "");
  // hold() returning means durable: a server whose default is synchronous_commit = off would
  // acknowledge commits that a crash may still lose.
  Result mode = exec("SELECT current_setting('synchronous_commit')");
  if (mode.rows() == 1 && mode.bytes(0, 0) == "off") exec_script("SET synchronous_commit TO on");
}

void Connection::reopen_if_broken() {
  if (conn_ != nullptr && !broken()) return;
  open();
}

void Connection::fail(const PGresult* r, std::string_view doing) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = one_line(r ? PQresultErrorMessage(r) : nullptr);
  if (message.empty()) message = one_line(PQerrorMessage(conn_));
  const std::string what = "quarantine database error (" + message +
                           ", while: " + std::string(doing.substr(0, 60)) + ")";
  if (broken())
    throw ConnectionLost(display_,
                         "lost the connection to the quarantine database (" + message + ")", "");
  throw Error(display_, what, state ? state : "");
}

Result Connection::exec(const std::string& sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size());
    Result r(PQprepare(conn_, name.c_str(), sql.c_str(), params.size(), params.types()));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(r.get(), sql);
    it = prepared_.emplace(sql, name).first;
  }
  const std::vector<const char*> values = params.values();
  Result r(PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(), params.lengths(),
                          params.formats(), /*resultFormat=*/1));
  const ExecStatusType status = PQresultStatus(r.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(r.get(), sql);
  ++succeeded_;
  return r;
}

void Connection::exec_script(const char* sql) {
  Result r(PQexec(conn_, sql));
  const ExecStatusType status = PQresultStatus(r.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(r.get(), sql);
  ++succeeded_;
}

Transaction::Transaction(Connection& c) : c_(c) {
  c_.exec_script("BEGIN");
}

Transaction::~Transaction() {
  if (done_ || c_.broken()) return;
  try {
    c_.exec_script("ROLLBACK");
  } catch (const Error&) {
    // The connection failed on the way out; the server rolls back when it notices.
  }
}

void Transaction::commit() {
  c_.exec_script("COMMIT");
  done_ = true;
}

}  // namespace galguard::quarantine::pg
