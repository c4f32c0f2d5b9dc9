#include "gateway/quarantine/sqlite_store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "gateway/quarantine/action_chain.hpp"
#include "gateway/quarantine/message_id.hpp"
#include "gateway/quarantine/sqlite_schema.hpp"
#include "gateway/quarantine/transition_rules.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::quarantine {
namespace {

constexpr const char* message_columns =
    "id, received_at, raw, mail_from, rcpt_to, helo, client_addr, client_name, verdict_json, "
    "codes, identity_numbers, categories, state";

std::string json_list(const std::vector<std::string>& v) {
  // Replace invalid UTF-8 instead of throwing: an odd 8-bit address must not stop a hold.
  return nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> parse_list(const std::string& path, const std::string& text) {
  try {
    return nlohmann::json::parse(text).get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw rules::InputError(path, std::string("a stored list is not valid JSON: ") + e.what());
  }
}

HeldMessage read_message(const sqlite::Db& db, const sqlite::Stmt& s) {
  HeldMessage m;
  m.id = s.text(0);
  m.received_at = s.integer(1);
  m.raw = s.text(2);
  m.envelope.mail_from = s.text(3);
  m.envelope.rcpt_to = parse_list(db.path(), s.text(4));
  m.envelope.helo = s.text(5);
  m.envelope.client_addr = s.text(6);
  m.envelope.client_name = s.text(7);
  m.verdict_json = s.text(8);
  m.codes = parse_list(db.path(), s.text(9));
  m.personal_data.identity_numbers = static_cast<int>(s.integer(10));
  m.personal_data.categories = parse_list(db.path(), s.text(11));
  const auto state = state_from_string(s.text(12));
  if (!state) throw rules::InputError(db.path(), "unknown state of message " + m.id);
  m.state = *state;
  return m;
}

// ListFilter's conditions, ?1 to ?5; list adds its limit as ?6.
constexpr const char* filter_clause =
    " WHERE (?1 IS NULL OR state = ?1)"
    " AND (?2 IS NULL OR EXISTS"
    " (SELECT 1 FROM json_each(messages.codes) WHERE value = ?2))"
    " AND (?3 IS NULL OR instr(mail_from, ?3) > 0)"
    " AND (?4 IS NULL OR received_at >= ?4)"
    " AND (?5 IS NULL OR received_at < ?5)";

void bind_filter(sqlite::Stmt& s, const ListFilter& filter) {
  s.bind(1, filter.state ? std::optional<std::string>(to_string(*filter.state)) : std::nullopt)
      .bind(2, filter.code)
      .bind(3, filter.sender);
  if (filter.since)
    s.bind(4, *filter.since);
  else
    s.bind_null(4);
  if (filter.until)
    s.bind(5, *filter.until);
  else
    s.bind_null(5);
}

ActionLogEntry read_entry(const sqlite::Stmt& s) {
  return {s.integer(0), s.integer(1), s.text(2), s.text(3),
          s.text(4),    s.text(5),    s.text(6), s.text(7)};
}

}  // namespace

// Prepared once at open, reused for every call.
struct SqliteStore::Statements {
  explicit Statements(sqlite::Db& db)
      : insert_message(db, "INSERT INTO messages (" + std::string(message_columns) +
                               ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        select_message(db,
                       "SELECT " + std::string(message_columns) + " FROM messages WHERE id = ?"),
        list_messages(db, "SELECT " + std::string(message_columns) + " FROM messages" +
                              filter_clause + " ORDER BY received_at DESC, rowid DESC LIMIT ?6"),
        count_messages(db, std::string("SELECT count(*) FROM messages") + filter_clause),
        held_per_day(db,
                     "SELECT (received_at - ?1) / 86400, count(*) FROM messages"
                     " WHERE received_at >= ?1 AND received_at < ?1 + ?2 * 86400"
                     " GROUP BY (received_at - ?1) / 86400"),
        select_state(db, "SELECT state FROM messages WHERE id = ?"),
        update_state(db,
                     "UPDATE messages SET state = ?2,"
                     " raw = CASE WHEN ?2 IN ('expired', 'deleted') THEN zeroblob(0) ELSE raw END"
                     " WHERE id = ?1"),
        expired_candidates(db,
                           "SELECT id FROM messages WHERE state = 'held' AND received_at < ?"
                           " ORDER BY received_at, rowid"),
        released_with_bytes(db,
                            "SELECT id FROM messages WHERE state = 'released' AND received_at < ?"
                            " AND length(raw) > 0 ORDER BY received_at, rowid"),
        erase_raw(db, "UPDATE messages SET raw = zeroblob(0) WHERE id = ?"),
        log_tail(db, "SELECT seq, hash FROM action_log ORDER BY seq DESC LIMIT 1"),
        insert_log(db,
                   "INSERT INTO action_log (seq, at, actor, action, message_id, reason, prev_hash,"
                   " hash) VALUES (?,?,?,?,?,?,?,?)"),
        all_log(db,
                "SELECT seq, at, actor, action, message_id, reason, prev_hash, hash"
                " FROM action_log ORDER BY seq"),
        message_log(db,
                    "SELECT seq, at, actor, action, message_id, reason, prev_hash, hash"
                    " FROM action_log WHERE message_id = ? ORDER BY seq") {}

  sqlite::Stmt insert_message, select_message, list_messages, count_messages, held_per_day,
      select_state, update_state, expired_candidates, released_with_bytes, erase_raw, log_tail,
      insert_log, all_log, message_log;
};

SqliteStore::SqliteStore(const std::string& path, int busy_timeout_ms)
    : db_(path, busy_timeout_ms) {
  sqlite::open_schema(db_, schema_version);
  st_ = std::make_unique<Statements>(db_);
  prepare_records();
}

// Statements must be finalized before the connection closes.
SqliteStore::~SqliteStore() {
  records_.reset();
  st_.reset();
}

ActionLogEntry SqliteStore::append(std::int64_t at, const std::string& actor,
                                   const std::string& action, const std::string& message_id,
                                   const std::string& reason) {
  ActionLogEntry e{1, at, actor, action, message_id, reason, {}, {}};
  std::string prev(genesis_hash);
  if (st_->log_tail.step()) {
    e.seq = st_->log_tail.integer(0) + 1;
    prev = st_->log_tail.text(1);
  }
  st_->log_tail.reset();
  seal(e, prev);
  st_->insert_log.bind(1, e.seq)
      .bind(2, e.at)
      .bind(3, std::string_view(e.actor))
      .bind(4, std::string_view(e.action))
      .bind(5, std::string_view(e.message_id))
      .bind(6, std::string_view(e.reason))
      .bind(7, std::string_view(e.prev_hash))
      .bind(8, std::string_view(e.hash))
      .run();
  return e;
}

std::string SqliteStore::hold(HeldMessage m) {
  std::lock_guard lock(mutex_);
  if (m.id.empty()) m.id = new_message_id();
  sqlite::Transaction tx(db_);
  st_->select_state.bind(1, std::string_view(m.id));
  const bool exists = st_->select_state.step();
  st_->select_state.reset();
  if (exists) throw StateError("quarantine message " + m.id + " already exists");
  st_->insert_message.bind(1, std::string_view(m.id))
      .bind(2, m.received_at)
      .bind_blob(3, m.raw)
      .bind(4, std::string_view(m.envelope.mail_from))
      .bind(5, std::string_view(json_list(m.envelope.rcpt_to)))
      .bind(6, std::string_view(m.envelope.helo))
      .bind(7, std::string_view(m.envelope.client_addr))
      .bind(8, std::string_view(m.envelope.client_name))
      .bind(9, std::string_view(m.verdict_json))
      .bind(10, std::string_view(json_list(m.codes)))
      .bind(11, static_cast<std::int64_t>(m.personal_data.identity_numbers))
      .bind(12, std::string_view(json_list(m.personal_data.categories)))
      .bind(13, to_string(State::held))
      .run();
  append(m.received_at, "gateway", "held", m.id, hold_reason(m));
  // synchronous=FULL: the WAL is fsynced before COMMIT returns, so the 250 may follow.
  tx.commit();
  return m.id;
}

std::optional<HeldMessage> SqliteStore::get(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto& s = st_->select_message;
  s.bind(1, std::string_view(id));
  std::optional<HeldMessage> out;
  if (s.step()) out = read_message(db_, s);
  s.reset();
  return out;
}

std::vector<HeldMessage> SqliteStore::list(const ListFilter& filter) {
  std::lock_guard lock(mutex_);
  auto& s = st_->list_messages;
  bind_filter(s, filter);
  s.bind(6, static_cast<std::int64_t>(filter.limit));
  std::vector<HeldMessage> out;
  while (s.step())
    out.push_back(read_message(db_, s));
  s.reset();
  return out;
}

std::size_t SqliteStore::count(const ListFilter& filter) {
  std::lock_guard lock(mutex_);
  auto& s = st_->count_messages;
  bind_filter(s, filter);
  s.step();
  const auto n = static_cast<std::size_t>(s.integer(0));
  s.reset();
  return n;
}

std::vector<int> SqliteStore::held_per_day(std::int64_t from, int days) {
  std::lock_guard lock(mutex_);
  std::vector<int> out(static_cast<std::size_t>(std::max(days, 0)), 0);
  auto& s = st_->held_per_day;
  s.bind(1, from).bind(2, static_cast<std::int64_t>(days));
  while (s.step()) {
    const std::int64_t day = s.integer(0);
    if (day >= 0 && day < days) out[static_cast<std::size_t>(day)] = static_cast<int>(s.integer(1));
  }
  s.reset();
  return out;
}

void SqliteStore::set_state(const std::string& id, State to, const std::string& actor,
                            const std::string& reason, std::int64_t at) {
  st_->update_state.bind(1, std::string_view(id)).bind(2, to_string(to)).run();
  append(at, actor, std::string(to_string(to)), id, reason);
}

void SqliteStore::transition(const std::string& id, State to, const std::string& actor,
                             const std::string& reason, std::int64_t at) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  auto& s = st_->select_state;
  s.bind(1, std::string_view(id));
  std::optional<State> from;
  if (s.step()) from = state_from_string(s.text(0));
  s.reset();
  if (!from) throw StateError("no quarantine message with id " + id);
  check_transition(id, *from, to);
  set_state(id, to, actor, reason, at);
  tx.commit();
}

ActionLogEntry SqliteStore::log(std::int64_t at, const std::string& actor,
                                const std::string& action, const std::string& message_id,
                                const std::string& reason) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  ActionLogEntry e = append(at, actor, action, message_id, reason);
  tx.commit();
  return e;
}

std::vector<ActionLogEntry> SqliteStore::action_log(const std::optional<std::string>& message_id) {
  std::lock_guard lock(mutex_);
  auto& s = message_id ? st_->message_log : st_->all_log;
  if (message_id) s.bind(1, std::string_view(*message_id));
  std::vector<ActionLogEntry> out;
  while (s.step())
    out.push_back(read_entry(s));
  s.reset();
  return out;
}

ChainCheck SqliteStore::verify_chain() {
  const std::vector<ActionLogEntry> all = action_log(std::nullopt);
  return verify(all);
}

std::size_t SqliteStore::purge(std::int64_t older_than, std::int64_t at) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  std::vector<std::string> ids;
  auto& s = st_->expired_candidates;
  s.bind(1, older_than);
  while (s.step())
    ids.push_back(s.text(0));
  s.reset();
  for (const std::string& id : ids) {
    set_state(id, State::expired, "retention", "retention period ended", at);
  }
  // A released message went out; its copy here is kept only for the retention period.
  std::vector<std::string> released;
  auto& r = st_->released_with_bytes;
  r.bind(1, older_than);
  while (r.step())
    released.push_back(r.text(0));
  r.reset();
  for (const std::string& id : released) {
    auto& erase = st_->erase_raw;
    erase.bind(1, std::string_view(id));
    erase.step();
    erase.reset();
    append(at, "retention", "erased", id, "retention period ended");
  }
  tx.commit();
  return ids.size();
}

}  // namespace galguard::quarantine
