// The default quarantine: one SQLite file in var/, WAL journal and synchronous=FULL so a
// returned hold() survives a power cut (the caller answers 250 after it). DESIGN.md §4.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "gateway/quarantine/sqlite_db.hpp"
#include "gateway/quarantine/sqlite_schema.hpp"
#include "gateway/quarantine/store.hpp"

namespace galguard::quarantine {

class SqliteStore final : public QuarantineStore {
 public:
  static constexpr int schema_version = sqlite::kSchemaVersion;

  // Creates the file and schema if missing. Throws rules::InputError(path, ...) when the file
  // cannot be opened, is not a database, is corrupt, stays locked, or has a newer schema.
  explicit SqliteStore(const std::string& path, int busy_timeout_ms = 5000);
  ~SqliteStore() override;

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

  // Incidents and users: sqlite_store_records.cpp.
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
  struct Statements;
  struct RecordStatements;
  struct RecordStatementsDeleter {
    void operator()(RecordStatements* s) const;
  };
  void prepare_records();
  // Call inside a transaction: reads the chain's tail and appends one sealed row.
  ActionLogEntry append(std::int64_t at, const std::string& actor, const std::string& action,
                        const std::string& message_id, const std::string& reason);
  // Call inside a transaction: the state and raw-drop of one message, plus its log row.
  void set_state(const std::string& id, State to, const std::string& actor,
                 const std::string& reason, std::int64_t at);

  std::mutex mutex_;  // one connection; statements are not shared across threads
  sqlite::Db db_;
  std::unique_ptr<Statements> st_;
  std::unique_ptr<RecordStatements, RecordStatementsDeleter> records_;
};

}  // namespace galguard::quarantine
