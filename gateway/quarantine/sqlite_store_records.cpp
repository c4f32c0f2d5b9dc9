// The SQLite store's incident records and review UI accounts (store.hpp). Kept apart from the
// held messages: different tables, same connection, same action log.
#include <nlohmann/json.hpp>

#include <stdexcept>

#include "gateway/quarantine/incident_json.hpp"
#include "gateway/quarantine/incident_number.hpp"
#include "gateway/quarantine/sqlite_store.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::quarantine {
namespace {

std::string record_text(const Incident& incident) {
  // Replace invalid UTF-8 instead of throwing: recipients' display names come from mail headers.
  return to_json(incident).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Incident read_incident(const sqlite::Db& db, const std::string& text) {
  try {
    return incident_from_json(nlohmann::json::parse(text));
  } catch (const nlohmann::json::exception& e) {
    throw rules::InputError(db.path(),
                            std::string("a stored incident is not valid JSON: ") + e.what());
  } catch (const std::invalid_argument& e) {
    throw rules::InputError(db.path(), std::string("a stored incident is damaged: ") + e.what());
  }
}

User read_user(const sqlite::Db& db, const sqlite::Stmt& s) {
  User u;
  u.name = s.text(0);
  const auto role = role_from_string(s.text(1));
  if (!role) throw rules::InputError(db.path(), "unknown role of user " + u.name);
  u.role = *role;
  u.password_hash = s.text(2);
  u.created_at = s.integer(3);
  return u;
}

}  // namespace

struct SqliteStore::RecordStatements {
  explicit RecordStatements(sqlite::Db& db)
      : last_number(db, "SELECT coalesce(max(number), 0) FROM incidents"),
        incident_exists(db, "SELECT 1 FROM incidents WHERE id = ?"),
        insert_incident(db,
                        "INSERT INTO incidents (id, number, created_at, updated_at, message_id,"
                        " record) VALUES (?,?,?,?,?,?)"),
        select_incident(db, "SELECT record FROM incidents WHERE id = ?"),
        all_incidents(db, "SELECT record FROM incidents ORDER BY number DESC"),
        update_incident(db,
                        "UPDATE incidents SET updated_at = ?2, message_id = ?3, record = ?4"
                        " WHERE id = ?1"),
        insert_user(db,
                    "INSERT INTO users (name, role, password_hash, created_at) VALUES (?,?,?,?)"),
        select_user(db, "SELECT name, role, password_hash, created_at FROM users WHERE name = ?"),
        all_users(db, "SELECT name, role, password_hash, created_at FROM users ORDER BY name"),
        update_password(db, "UPDATE users SET password_hash = ?2 WHERE name = ?1"),
        delete_user(db, "DELETE FROM users WHERE name = ?") {}

  sqlite::Stmt last_number, incident_exists, insert_incident, select_incident, all_incidents,
      update_incident, insert_user, select_user, all_users, update_password, delete_user;
};

void SqliteStore::RecordStatementsDeleter::operator()(RecordStatements* s) const {
  delete s;
}

void SqliteStore::prepare_records() {
  records_.reset(new RecordStatements(db_));
}

std::string SqliteStore::create_incident(Incident incident, const std::string& actor,
                                         std::int64_t at) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  auto& last = records_->last_number;
  last.step();
  const std::int64_t number = last.integer(0) + 1;
  last.reset();
  if (incident.id.empty()) incident.id = incident_id(static_cast<int>(number));
  auto& exists = records_->incident_exists;
  exists.bind(1, std::string_view(incident.id));
  const bool taken = exists.step();
  exists.reset();
  if (taken) throw StateError("incident " + incident.id + " already exists");
  incident.created_at = at;
  incident.created_by = actor;
  incident.updated_at = at;
  records_->insert_incident.bind(1, std::string_view(incident.id))
      .bind(2, number)
      .bind(3, at)
      .bind(4, at)
      .bind(5, std::string_view(incident.message_id))
      .bind(6, std::string_view(record_text(incident)))
      .run();
  append(at, actor, "incident-created", incident.message_id, incident.id);
  tx.commit();
  return incident.id;
}

std::optional<Incident> SqliteStore::incident(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto& s = records_->select_incident;
  s.bind(1, std::string_view(id));
  std::optional<std::string> text;
  if (s.step()) text = s.text(0);
  s.reset();
  if (!text) return std::nullopt;
  return read_incident(db_, *text);
}

std::vector<Incident> SqliteStore::incidents() {
  std::lock_guard lock(mutex_);
  auto& s = records_->all_incidents;
  std::vector<std::string> texts;
  while (s.step())
    texts.push_back(s.text(0));
  s.reset();
  std::vector<Incident> out;
  for (const std::string& text : texts)
    out.push_back(read_incident(db_, text));
  return out;
}

void SqliteStore::update_incident(const Incident& incident, const std::string& actor,
                                  std::int64_t at) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  auto& s = records_->select_incident;
  s.bind(1, std::string_view(incident.id));
  std::optional<std::string> text;
  if (s.step()) text = s.text(0);
  s.reset();
  if (!text) throw StateError("no incident with id " + incident.id);
  const Incident stored = read_incident(db_, *text);
  Incident updated = incident;
  updated.created_at = stored.created_at;
  updated.created_by = stored.created_by;
  updated.updated_at = at;
  records_->update_incident.bind(1, std::string_view(updated.id))
      .bind(2, at)
      .bind(3, std::string_view(updated.message_id))
      .bind(4, std::string_view(record_text(updated)))
      .run();
  append(at, actor, "incident-edited", updated.message_id, updated.id);
  tx.commit();
}

void SqliteStore::add_user(const User& user, const std::string& actor, std::int64_t at) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  auto& s = records_->select_user;
  s.bind(1, std::string_view(user.name));
  const bool taken = s.step();
  s.reset();
  if (taken) throw StateError("user " + user.name + " already exists");
  records_->insert_user.bind(1, std::string_view(user.name))
      .bind(2, to_string(user.role))
      .bind(3, std::string_view(user.password_hash))
      .bind(4, user.created_at != 0 ? user.created_at : at)
      .run();
  append(at, actor, "user-added", "", user.name);
  tx.commit();
}

std::optional<User> SqliteStore::user(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto& s = records_->select_user;
  s.bind(1, std::string_view(name));
  std::optional<User> out;
  if (s.step()) out = read_user(db_, s);
  s.reset();
  return out;
}

std::vector<User> SqliteStore::users() {
  std::lock_guard lock(mutex_);
  auto& s = records_->all_users;
  std::vector<User> out;
  while (s.step())
    out.push_back(read_user(db_, s));
  s.reset();
  return out;
}

void SqliteStore::set_password(const std::string& name, const std::string& password_hash,
                               const std::string& actor, std::int64_t at) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  records_->update_password.bind(1, std::string_view(name))
      .bind(2, std::string_view(password_hash))
      .run();
  if (sqlite3_changes(db_.handle()) == 0) throw StateError("no user named " + name);
  append(at, actor, "user-password", "", name);
  tx.commit();
}

void SqliteStore::remove_user(const std::string& name, const std::string& actor, std::int64_t at) {
  std::lock_guard lock(mutex_);
  sqlite::Transaction tx(db_);
  records_->delete_user.bind(1, std::string_view(name)).run();
  if (sqlite3_changes(db_.handle()) == 0) throw StateError("no user named " + name);
  append(at, actor, "user-removed", "", name);
  tx.commit();
}

}  // namespace galguard::quarantine
