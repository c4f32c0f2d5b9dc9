#include "gateway/quarantine/delivery_log_postgres.hpp"

#include <nlohmann/json.hpp>

#include "rules/text/fold.hpp"
#include "rules/text/utf8.hpp"

#include "gateway/quarantine/postgres_schema.hpp"
#include "rules/text/ascii.hpp"

namespace galguard::quarantine {
namespace {

// A text column refuses bytes that are not UTF-8 and NULs; an address or Message-ID from the
// wire may have either. Invalid bytes become U+FFFD and NULs go: a valid address still matches
// exactly.
std::string valid_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(s.size());) {
    const UChar32 cp = rules::detail::next_code_point(s, i);
    if (cp == 0) continue;
    rules::append_utf8(out, cp < 0 ? U'\uFFFD' : static_cast<char32_t>(cp));
  }
  return out;
}

}  // namespace

PostgresDeliveryLog::PostgresDeliveryLog(const std::string& url) : db_(url) {
  pg::open_schema(db_, pg::kSchemaVersion);
}

void PostgresDeliveryLog::record_all(std::span<const Delivery> deliveries) {
  std::lock_guard lock(mutex_);
  pg::with_reconnect(db_, [&] {
    pg::Transaction tx(db_);
    // As for SQLite (delivery_log_sqlite.cpp): nobody waits for these rows, so this commit does
    // not wait for the WAL flush; the next synchronous commit flushes them.
    db_.exec("SET LOCAL synchronous_commit TO off");
    for (const Delivery& delivery : deliveries) {
      const std::string id = valid_text(delivery.message_id);
      for (const auto& recipient : delivery.recipients) {
        db_.exec("INSERT INTO deliveries (address, at, message_id) VALUES ($1, $2, $3)",
                 pg::Params()
                     .text(valid_text(rules::ascii_lower(recipient)))
                     .integer(delivery.at)
                     .text(id));
      }
    }
    tx.commit();
  });
}

Exposure PostgresDeliveryLog::exposure(std::span<const std::string> addresses, std::int64_t since) {
  // The addresses travel as one JSON array parameter, so an entry with many proxy addresses is
  // counted once per message, not once per address.
  nlohmann::json wanted = nlohmann::json::array();
  for (const auto& address : addresses)
    wanted.push_back(valid_text(rules::ascii_lower(address)));
  const std::string list = wanted.dump();
  std::lock_guard lock(mutex_);
  return pg::with_reconnect(db_, [&] {
    const pg::Result r = db_.exec(
        "SELECT count(DISTINCT message_id), coalesce(min(at), 0), coalesce(max(at), 0)"
        " FROM deliveries WHERE at >= $1"
        " AND address IN (SELECT jsonb_array_elements_text($2::jsonb))",
        pg::Params().integer(since).text(list));
    Exposure out;
    if (r.rows() == 1) {
      out.messages = r.integer(0, 0);
      out.first = r.integer(0, 1);
      out.last = r.integer(0, 2);
    }
    return out;
  });
}

std::size_t PostgresDeliveryLog::purge(std::int64_t older_than) {
  std::lock_guard lock(mutex_);
  return pg::with_reconnect(db_, [&] {
    const pg::Result r =
        db_.exec("DELETE FROM deliveries WHERE at < $1", pg::Params().integer(older_than));
    return r.affected();
  });
}

}  // namespace galguard::quarantine
