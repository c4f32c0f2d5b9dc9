// Where held messages wait for a person to decide. One interface, several backends (memory for
// tests of callers, SQLite for one gateway, PostgreSQL for several; open_store.hpp picks).
// DESIGN.md §4. Time is always passed in: the store has no clock, so retention and logs are
// testable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/quarantine/incident.hpp"

namespace galguard::quarantine {

enum class State { held, released, deleted, expired };

std::string_view to_string(State s);
std::optional<State> state_from_string(std::string_view s);

struct Envelope {
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::string helo;
  std::string client_addr;
  std::string client_name;  // from XFORWARD, may be empty

  bool operator==(const Envelope&) const = default;
};

// Counts and categories only: the quarantine must not become a second copy of the identity
// numbers it was built to stop.
struct PersonalDataSummary {
  int identity_numbers = 0;
  std::vector<std::string> categories;

  bool operator==(const PersonalDataSummary&) const = default;
};

struct HeldMessage {
  std::string id;  // empty on hold() = let the store choose one
  std::int64_t received_at = 0;
  std::string raw;  // the original bytes, released as is; emptied when expired
  Envelope envelope;
  std::string verdict_json;  // what `galguard check --json` prints; the caller serialises it
  std::vector<std::string> codes;
  PersonalDataSummary personal_data;
  State state = State::held;

  bool operator==(const HeldMessage&) const = default;
};

struct ActionLogEntry {
  std::int64_t seq = 0;
  std::int64_t at = 0;
  std::string actor;
  std::string action;  // "held", "released", "deleted", "expired", "viewed-body", ...
  std::string message_id;
  std::string reason;
  std::string prev_hash;  // hex
  std::string hash;       // hex

  bool operator==(const ActionLogEntry&) const = default;
};

struct ListFilter {
  std::optional<State> state;
  std::optional<std::string> code;
  std::optional<std::string> sender;  // substring of mail_from, case-sensitive
  std::optional<std::int64_t> since;  // received_at >= since
  std::optional<std::int64_t> until;  // received_at < until
  std::size_t limit = 100;
};

struct ChainCheck {
  bool ok = true;
  std::optional<std::int64_t> first_bad_seq;
};

// A decision the state machine refuses (released → deleted, unknown id, duplicate id). The
// caller asked for something impossible; nothing was changed.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class QuarantineStore {
 public:
  virtual ~QuarantineStore() = default;

  // Durable when it returns: the caller may then answer 250 (acknowledgement discipline).
  // Appends a "held" log row in the same commit.
  virtual std::string hold(HeldMessage message) = 0;
  virtual std::optional<HeldMessage> get(const std::string& id) = 0;
  // Newest first (received_at, then order of holding).
  virtual std::vector<HeldMessage> list(const ListFilter& filter) = 0;
  // Only held → released | deleted | expired; anything else throws StateError. The state change
  // and its log row commit together. Deleted and expired messages lose their raw bytes at once
  // (the personal data goes; what was held and why stays reviewable).
  virtual void transition(const std::string& id, State to, const std::string& actor,
                          const std::string& reason, std::int64_t at) = 0;
  // Any other action worth recording (viewed-body, ...). Seq and hashes are set by the store.
  virtual ActionLogEntry log(std::int64_t at, const std::string& actor, const std::string& action,
                             const std::string& message_id, const std::string& reason) = 0;
  virtual std::vector<ActionLogEntry> action_log(
      const std::optional<std::string>& message_id = std::nullopt) = 0;
  virtual ChainCheck verify_chain() = 0;
  // Retention: held messages received before older_than become expired and lose their raw
  // bytes; released ones keep their state but lose their bytes too ("erased" log row). Log rows
  // stay. Returns how many expired.
  virtual std::size_t purge(std::int64_t older_than, std::int64_t at) = 0;

  // How many messages the filter matches, ignoring its limit (the queue page's counts).
  virtual std::size_t count(const ListFilter& filter) = 0;
  // Messages held per UTC day: element i counts received_at in [from + i*86400, from +
  // (i+1)*86400).
  virtual std::vector<int> held_per_day(std::int64_t from, int days) = 0;

  // Incidents. create_incident numbers the record ("INC-1", "INC-2", ...) when its id is empty,
  // stores it and appends an "incident-created" log row (message_id = the incident's message,
  // reason = "INC-N"); returns the id. update_incident replaces every field but id and
  // created_*; appends "incident-edited"; throws StateError for an unknown id.
  virtual std::string create_incident(Incident incident, const std::string& actor,
                                      std::int64_t at) = 0;
  virtual std::optional<Incident> incident(const std::string& id) = 0;
  virtual std::vector<Incident> incidents() = 0;  // newest first
  virtual void update_incident(const Incident& incident, const std::string& actor,
                               std::int64_t at) = 0;

  // Review UI accounts. add_user throws StateError when the name is taken (created_at 0 = at);
  // set_password and remove_user throw StateError for an unknown name. Each appends a log row
  // ("user-added", "user-password", "user-removed"; message_id empty, reason = the name).
  virtual void add_user(const User& user, const std::string& actor, std::int64_t at) = 0;
  virtual std::optional<User> user(const std::string& name) = 0;
  virtual std::vector<User> users() = 0;  // by name
  virtual void set_password(const std::string& name, const std::string& password_hash,
                            const std::string& actor, std::int64_t at) = 0;
  virtual void remove_user(const std::string& name, const std::string& actor, std::int64_t at) = 0;
};

}  // namespace galguard::quarantine
