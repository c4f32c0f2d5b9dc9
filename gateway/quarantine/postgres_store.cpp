#include "gateway/quarantine/postgres_store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "gateway/quarantine/action_chain.hpp"
#include "gateway/quarantine/message_id.hpp"
#include "gateway/quarantine/transition_rules.hpp"

namespace galguard::quarantine {
namespace {

const std::string message_columns =
    "id, received_at, raw, mail_from, rcpt_to, helo, client_addr, client_name, verdict_json, "
    "codes::text, identity_numbers, categories, state";

std::string json_list(const std::vector<std::string>& v) {
  // Replace invalid UTF-8 instead of throwing: an odd 8-bit address must not stop a hold.
  return nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> parse_list(const std::string& where, const std::string& text) {
  try {
    return nlohmann::json::parse(text).get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw rules::InputError(where, std::string("a stored list is not valid JSON: ") + e.what());
  }
}

HeldMessage read_message(const std::string& where, const pg::Result& r, int row) {
  HeldMessage m;
  m.id = r.bytes(row, 0);
  m.received_at = r.integer(row, 1);
  m.raw = r.bytes(row, 2);
  m.envelope.mail_from = r.bytes(row, 3);
  m.envelope.rcpt_to = parse_list(where, r.bytes(row, 4));
  m.envelope.helo = r.bytes(row, 5);
  m.envelope.client_addr = r.bytes(row, 6);
  m.envelope.client_name = r.bytes(row, 7);
  m.verdict_json = r.bytes(row, 8);
  m.codes = parse_list(where, r.bytes(row, 9));
  m.personal_data.identity_numbers = static_cast<int>(r.integer(row, 10));
  m.personal_data.categories = parse_list(where, r.bytes(row, 11));
  const auto state = state_from_string(r.bytes(row, 12));
  if (!state) throw rules::InputError(where, "unknown state of message " + m.id);
  m.state = *state;
  return m;
}

// ListFilter's conditions, $1 to $5; list adds its limit as $6.
constexpr const char* filter_clause =
    " WHERE ($1::text IS NULL OR state = $1)"
    " AND ($2::text IS NULL OR codes ? $2)"
    " AND ($3::bytea IS NULL OR position($3 in mail_from) > 0)"
    " AND ($4::bigint IS NULL OR received_at >= $4)"
    " AND ($5::bigint IS NULL OR received_at < $5)";

pg::Params filter_params(const ListFilter& filter) {
  pg::Params p;
  p.text(filter.state ? std::optional<std::string>(to_string(*filter.state)) : std::nullopt)
      .text(filter.code)
      .bytes(filter.sender)
      .integer(filter.since)
      .integer(filter.until);
  return p;
}

constexpr const char* log_columns = "seq, at, actor, action, message_id, reason, prev_hash, hash";

ActionLogEntry read_entry(const pg::Result& r, int row) {
  return {r.integer(row, 0), r.integer(row, 1), r.bytes(row, 2), r.bytes(row, 3),
          r.bytes(row, 4),   r.bytes(row, 5),   r.bytes(row, 6), r.bytes(row, 7)};
}

}  // namespace

PostgresStore::PostgresStore(const std::string& url) : db_(url) {
  pg::open_schema(db_, schema_version);
}

void PostgresStore::lock_chain() {
  db_.exec("SELECT pg_advisory_xact_lock($1)", pg::Params().integer(pg::kChainLock));
}

ActionLogEntry PostgresStore::append(std::int64_t at, const std::string& actor,
                                     const std::string& action, const std::string& message_id,
                                     const std::string& reason) {
  ActionLogEntry e{1, at, actor, action, message_id, reason, {}, {}};
  std::string prev(genesis_hash);
  const pg::Result tail = db_.exec("SELECT seq, hash FROM action_log ORDER BY seq DESC LIMIT 1");
  if (tail.rows() == 1) {
    e.seq = tail.integer(0, 0) + 1;
    prev = tail.bytes(0, 1);
  }
  seal(e, prev);
  db_.exec(
      "INSERT INTO action_log (seq, at, actor, action, message_id, reason, prev_hash, hash)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      pg::Params()
          .integer(e.seq)
          .integer(e.at)
          .text(e.actor)
          .text(e.action)
          .text(e.message_id)
          .text(e.reason)
          .text(e.prev_hash)
          .text(e.hash));
  return e;
}

std::string PostgresStore::hold(HeldMessage m) {
  if (m.id.empty()) m.id = new_message_id();
  return run([&] {
    pg::Transaction tx(db_);
    lock_chain();
    const pg::Result exists =
        db_.exec("SELECT 1 FROM messages WHERE id = $1", pg::Params().text(m.id));
    if (exists.rows() != 0) throw StateError("quarantine message " + m.id + " already exists");
    db_.exec(
        "INSERT INTO messages (id, received_at, raw, mail_from, rcpt_to, helo, client_addr,"
        " client_name, verdict_json, codes, identity_numbers, categories, state)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::int, $12, $13)",
        pg::Params()
            .text(m.id)
            .integer(m.received_at)
            .bytes(m.raw)
            .bytes(m.envelope.mail_from)
            .text(json_list(m.envelope.rcpt_to))
            .bytes(m.envelope.helo)
            .bytes(m.envelope.client_addr)
            .bytes(m.envelope.client_name)
            .bytes(m.verdict_json)
            .text(json_list(m.codes))
            .integer(std::int64_t{m.personal_data.identity_numbers})
            .text(json_list(m.personal_data.categories))
            .text(to_string(State::held)));
    append(m.received_at, "gateway", "held", m.id, hold_reason(m));
    // synchronous_commit on (postgres_db.cpp): the WAL is flushed before COMMIT returns.
    tx.commit();
    return m.id;
  });
}

std::optional<HeldMessage> PostgresStore::get(const std::string& id) {
  return run([&]() -> std::optional<HeldMessage> {
    const pg::Result r = db_.exec("SELECT " + message_columns + " FROM messages WHERE id = $1",
                                  pg::Params().text(id));
    if (r.rows() == 0) return std::nullopt;
    return read_message(db_.display(), r, 0);
  });
}

std::vector<HeldMessage> PostgresStore::list(const ListFilter& filter) {
  return run([&] {
    pg::Params p = filter_params(filter);
    p.integer(static_cast<std::int64_t>(filter.limit));
    const pg::Result r = db_.exec("SELECT " + message_columns + " FROM messages" + filter_clause +
                                      " ORDER BY received_at DESC, held_order DESC LIMIT $6",
                                  p);
    std::vector<HeldMessage> out;
    for (int row = 0; row < r.rows(); ++row)
      out.push_back(read_message(db_.display(), r, row));
    return out;
  });
}

std::size_t PostgresStore::count(const ListFilter& filter) {
  return run([&] {
    const pg::Result r = db_.exec(std::string("SELECT count(*) FROM messages") + filter_clause,
                                  filter_params(filter));
    return static_cast<std::size_t>(r.integer(0, 0));
  });
}

std::vector<int> PostgresStore::held_per_day(std::int64_t from, int days) {
  return run([&] {
    std::vector<int> out(static_cast<std::size_t>(std::max(days, 0)), 0);
    const pg::Result r = db_.exec(
        "SELECT (received_at - $1) / 86400, count(*) FROM messages"
        " WHERE received_at >= $1 AND received_at < $1 + $2 * 86400"
        " GROUP BY (received_at - $1) / 86400",
        pg::Params().integer(from).integer(std::int64_t{days}));
    for (int row = 0; row < r.rows(); ++row) {
      const std::int64_t day = r.integer(row, 0);
      if (day >= 0 && day < days)
        out[static_cast<std::size_t>(day)] = static_cast<int>(r.integer(row, 1));
    }
    return out;
  });
}

void PostgresStore::set_state(const std::string& id, State to, const std::string& actor,
                              const std::string& reason, std::int64_t at) {
  db_.exec(
      "UPDATE messages SET state = $2,"
      " raw = CASE WHEN $2 IN ('expired', 'deleted') THEN ''::bytea ELSE raw END"
      " WHERE id = $1",
      pg::Params().text(id).text(to_string(to)));
  append(at, actor, std::string(to_string(to)), id, reason);
}

void PostgresStore::transition(const std::string& id, State to, const std::string& actor,
                               const std::string& reason, std::int64_t at) {
  run([&] {
    pg::Transaction tx(db_);
    lock_chain();  // before reading the state: two gateways releasing one message, one wins
    const pg::Result r =
        db_.exec("SELECT state FROM messages WHERE id = $1", pg::Params().text(id));
    std::optional<State> from;
    if (r.rows() == 1) from = state_from_string(r.bytes(0, 0));
    if (!from) throw StateError("no quarantine message with id " + id);
    check_transition(id, *from, to);
    set_state(id, to, actor, reason, at);
    tx.commit();
  });
}

ActionLogEntry PostgresStore::log(std::int64_t at, const std::string& actor,
                                  const std::string& action, const std::string& message_id,
                                  const std::string& reason) {
  return run([&] {
    pg::Transaction tx(db_);
    lock_chain();
    ActionLogEntry e = append(at, actor, action, message_id, reason);
    tx.commit();
    return e;
  });
}

std::vector<ActionLogEntry> PostgresStore::action_log(
    const std::optional<std::string>& message_id) {
  return run([&] {
    const pg::Result r =
        message_id
            ? db_.exec(std::string("SELECT ") + log_columns +
                           " FROM action_log WHERE message_id = $1 ORDER BY seq",
                       pg::Params().text(*message_id))
            : db_.exec(std::string("SELECT ") + log_columns + " FROM action_log ORDER BY seq");
    std::vector<ActionLogEntry> out;
    for (int row = 0; row < r.rows(); ++row)
      out.push_back(read_entry(r, row));
    return out;
  });
}

ChainCheck PostgresStore::verify_chain() {
  const std::vector<ActionLogEntry> all = action_log(std::nullopt);
  return verify(all);
}

std::size_t PostgresStore::purge(std::int64_t older_than, std::int64_t at) {
  return run([&] {
    pg::Transaction tx(db_);
    lock_chain();
    const pg::Result held = db_.exec(
        "SELECT id FROM messages WHERE state = 'held' AND received_at < $1"
        " ORDER BY received_at, held_order",
        pg::Params().integer(older_than));
    for (int row = 0; row < held.rows(); ++row)
      set_state(held.bytes(row, 0), State::expired, "retention", "retention period ended", at);
    // A released message went out; its copy here is kept only for the retention period.
    const pg::Result released = db_.exec(
        "SELECT id FROM messages WHERE state = 'released' AND received_at < $1"
        " AND length(raw) > 0 ORDER BY received_at, held_order",
        pg::Params().integer(older_than));
    for (int row = 0; row < released.rows(); ++row) {
      const std::string id = released.bytes(row, 0);
      db_.exec("UPDATE messages SET raw = ''::bytea WHERE id = $1", pg::Params().text(id));
      append(at, "retention", "erased", id, "retention period ended");
    }
    tx.commit();
    return static_cast<std::size_t>(held.rows());
  });
}

}  // namespace galguard::quarantine
