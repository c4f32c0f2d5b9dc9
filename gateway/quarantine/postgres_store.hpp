// The quarantine in PostgreSQL, for several gateways sharing one queue (DESIGN.md §4). Same
// behaviour as SqliteStore; hold() returns after COMMIT, which with synchronous_commit on means
// the WAL is flushed, so the caller may answer 250. Every write that appends to the action log
// takes one advisory lock in its transaction, so the hash chain and the INC-N numbers stay
// gap-free and unique however many processes write at once.
#pragma once

#include <mutex>
#include <string>

#include "gateway/quarantine/postgres_db.hpp"
#include "gateway/quarantine/postgres_schema.hpp"
#include "gateway/quarantine/store.hpp"

namespace galguard::quarantine {

class PostgresStore final : public QuarantineStore {
 public:
  static constexpr int schema_version = pg::kSchemaVersion;

  // Connects to `url` (postgresql://...) and creates, upgrades or checks the schema. Throws
  // rules::InputError naming the URL without its password.
  explicit PostgresStore(const std::string& url);

  std::string hold(HeldMessage message) override;
  std::optional<HeldMessage> get(const std::string& id) override;
  std::vector<HeldMessage> list(const ListFilter& filter) override;
  void transition(const std::string& id, State to, const std::string& actor,
                  const std::string& reason, std::int64_t at) override;
  ActionLogEntry log(std::int64_t at, const std::string& actor, const std::string& action,
                     const std::string& message_id, const std::string& reason) override;
  std::vector<ActionLogEntry> action_log(const std::optional<std::string>& message_id) override;
  ChainCheck verify_chain() override;
  std::size_t purge(std::int64_t older_than, std::int64_t at) override;

  std::size_t count(const ListFilter& filter) override;
  std::vector<int> held_per_day(std::int64_t from, int days) override;

  // Incidents and users: postgres_store_records.cpp.
  std::string create_incident(Incident incident, const std::string& actor,
                              std::int64_t at) override;
  std::optional<Incident> incident(const std::string& id) override;
  std::vector<Incident> incidents() override;
  void update_incident(const Incident& incident, const std::string& actor,
                       std::int64_t at) override;

  void add_user(const User& user, const std::string& actor, std::int64_t at) override;
  std::optional<User> user(const std::string& name) override;
  std::vector<User> users() override;
  void set_password(const std::string& name, const std::string& password_hash,
                    const std::string& actor, std::int64_t at) override;
  void remove_user(const std::string& name, const std::string& actor, std::int64_t at) override;

 private:
  // One operation under the mutex, reconnecting as pg::with_reconnect does.
  template <typename Operation>
  auto run(Operation&& operation);
  // Call first in a writing transaction: from here to COMMIT no other writer appends.
  void lock_chain();
  // Call inside a transaction after lock_chain(): reads the chain's tail, appends one sealed row.
  ActionLogEntry append(std::int64_t at, const std::string& actor, const std::string& action,
                        const std::string& message_id, const std::string& reason);
  // Call inside a transaction after lock_chain(): the state and raw-drop, plus its log row.
  void set_state(const std::string& id, State to, const std::string& actor,
                 const std::string& reason, std::int64_t at);

  std::mutex mutex_;  // one connection; libpq connections are not shared across threads
  pg::Connection db_;
};

template <typename Operation>
auto PostgresStore::run(Operation&& operation) {
  std::lock_guard lock(mutex_);
  return pg::with_reconnect(db_, operation);
}

}  // namespace galguard::quarantine
