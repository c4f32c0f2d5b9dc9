// The PostgreSQL store's incident records and review UI accounts (store.hpp). Kept apart from
// the held messages: different tables, same connection, same action log and chain lock, which
// also makes INC-N unique when several gateways create incidents at once.
#include <nlohmann/json.hpp>

#include <stdexcept>

#include "gateway/quarantine/incident_json.hpp"
#include "gateway/quarantine/incident_number.hpp"
#include "gateway/quarantine/postgres_store.hpp"

namespace galguard::quarantine {
namespace {

std::string record_text(const Incident& incident) {
  // Replace invalid UTF-8 instead of throwing: recipients' display names come from mail headers.
  return to_json(incident).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Incident read_incident(const std::string& where, const std::string& text) {
  try {
    return incident_from_json(nlohmann::json::parse(text));
  } catch (const nlohmann::json::exception& e) {
    throw rules::InputError(where, std::string("a stored incident is not valid JSON: ") + e.what());
  } catch (const std::invalid_argument& e) {
    throw rules::InputError(where, std::string("a stored incident is damaged: ") + e.what());
  }
}

constexpr const char* user_columns = "name, role, password_hash, created_at";

User read_user(const std::string& where, const pg::Result& r, int row) {
  User u;
  u.name = r.bytes(row, 0);
  const auto role = role_from_string(r.bytes(row, 1));
  if (!role) throw rules::InputError(where, "unknown role of user " + u.name);
  u.role = *role;
  u.password_hash = r.bytes(row, 2);
  u.created_at = r.integer(row, 3);
  return u;
}

}  // namespace

std::string PostgresStore::create_incident(Incident incident, const std::string& actor,
                                           std::int64_t at) {
  return run([&, incident]() mutable {
    pg::Transaction tx(db_);
    lock_chain();  // numbers are read and taken under the lock: INC-N is unique
    const pg::Result last = db_.exec("SELECT coalesce(max(number), 0) FROM incidents");
    const std::int64_t number = last.integer(0, 0) + 1;
    if (incident.id.empty()) incident.id = incident_id(static_cast<int>(number));
    const pg::Result taken =
        db_.exec("SELECT 1 FROM incidents WHERE id = $1", pg::Params().text(incident.id));
    if (taken.rows() != 0) throw StateError("incident " + incident.id + " already exists");
    incident.created_at = at;
    incident.created_by = actor;
    incident.updated_at = at;
    db_.exec(
        "INSERT INTO incidents (id, number, created_at, updated_at, message_id, record)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        pg::Params()
            .text(incident.id)
            .integer(number)
            .integer(at)
            .integer(at)
            .text(incident.message_id)
            .text(record_text(incident)));
    append(at, actor, "incident-created", incident.message_id, incident.id);
    tx.commit();
    return incident.id;
  });
}

std::optional<Incident> PostgresStore::incident(const std::string& id) {
  return run([&]() -> std::optional<Incident> {
    const pg::Result r =
        db_.exec("SELECT record FROM incidents WHERE id = $1", pg::Params().text(id));
    if (r.rows() == 0) return std::nullopt;
    return read_incident(db_.display(), r.bytes(0, 0));
  });
}

std::vector<Incident> PostgresStore::incidents() {
  return run([&] {
    const pg::Result r = db_.exec("SELECT record FROM incidents ORDER BY number DESC");
    std::vector<Incident> out;
    for (int row = 0; row < r.rows(); ++row)
      out.push_back(read_incident(db_.display(), r.bytes(row, 0)));
    return out;
  });
}

void PostgresStore::update_incident(const Incident& incident, const std::string& actor,
                                    std::int64_t at) {
  run([&] {
    pg::Transaction tx(db_);
    lock_chain();
    const pg::Result r =
        db_.exec("SELECT record FROM incidents WHERE id = $1", pg::Params().text(incident.id));
    if (r.rows() == 0) throw StateError("no incident with id " + incident.id);
    const Incident stored = read_incident(db_.display(), r.bytes(0, 0));
    Incident updated = incident;
    updated.created_at = stored.created_at;
    updated.created_by = stored.created_by;
    updated.updated_at = at;
    db_.exec("UPDATE incidents SET updated_at = $2, message_id = $3, record = $4 WHERE id = $1",
             pg::Params()
                 .text(updated.id)
                 .integer(at)
                 .text(updated.message_id)
                 .text(record_text(updated)));
    append(at, actor, "incident-edited", updated.message_id, updated.id);
    tx.commit();
  });
}

void PostgresStore::add_user(const User& user, const std::string& actor, std::int64_t at) {
  run([&] {
    pg::Transaction tx(db_);
    lock_chain();
    const pg::Result taken =
        db_.exec("SELECT 1 FROM users WHERE name = $1", pg::Params().text(user.name));
    if (taken.rows() != 0) throw StateError("user " + user.name + " already exists");
    db_.exec("INSERT INTO users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)",
             pg::Params()
                 .text(user.name)
                 .text(to_string(user.role))
                 .text(user.password_hash)
                 .integer(user.created_at != 0 ? user.created_at : at));
    append(at, actor, "user-added", "", user.name);
    tx.commit();
  });
}

std::optional<User> PostgresStore::user(const std::string& name) {
  return run([&]() -> std::optional<User> {
    const pg::Result r =
        db_.exec(std::string("SELECT ") + user_columns + " FROM users WHERE name = $1",
                 pg::Params().text(name));
    if (r.rows() == 0) return std::nullopt;
    return read_user(db_.display(), r, 0);
  });
}

std::vector<User> PostgresStore::users() {
  return run([&] {
    // Byte order, as the SQLite store sorts, whatever the database's collation.
    const pg::Result r =
        db_.exec(std::string("SELECT ") + user_columns + " FROM users ORDER BY name COLLATE \"C\"");
    std::vector<User> out;
    for (int row = 0; row < r.rows(); ++row)
      out.push_back(read_user(db_.display(), r, row));
    return out;
  });
}

void PostgresStore::set_password(const std::string& name, const std::string& password_hash,
                                 const std::string& actor, std::int64_t at) {
  run([&] {
    pg::Transaction tx(db_);
    lock_chain();
    const pg::Result r = db_.exec("UPDATE users SET password_hash = $2 WHERE name = $1",
                                  pg::Params().text(name).text(password_hash));
    if (r.affected() == 0) throw StateError("no user named " + name);
    append(at, actor, "user-password", "", name);
    tx.commit();
  });
}

void PostgresStore::remove_user(const std::string& name, const std::string& actor,
                                std::int64_t at) {
  run([&] {
    pg::Transaction tx(db_);
    lock_chain();
    const pg::Result r = db_.exec("DELETE FROM users WHERE name = $1", pg::Params().text(name));
    if (r.affected() == 0) throw StateError("no user named " + name);
    append(at, actor, "user-removed", "", name);
    tx.commit();
  });
}

}  // namespace galguard::quarantine
