// In-memory quarantine for tests of callers (SMTP session, milter, release). Same rules and the
// same hash chain as the SQLite store; nothing survives the process.
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "gateway/quarantine/store.hpp"

namespace galguard::quarantine {

class MemoryStore final : public QuarantineStore {
 public:
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
  HeldMessage* find(const std::string& id);
  std::vector<const HeldMessage*> matching(const ListFilter& filter) const;
  Incident* find_incident(const std::string& id);
  void append(std::int64_t at, const std::string& actor, const std::string& action,
              const std::string& message_id, const std::string& reason);

  std::mutex mutex_;
  std::vector<HeldMessage> messages_;  // in order of holding
  std::vector<ActionLogEntry> log_;
  std::vector<Incident> incidents_;  // in order of creation
  int last_incident_number_ = 0;
  std::map<std::string, User> users_;
};

}  // namespace galguard::quarantine
