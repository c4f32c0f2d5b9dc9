#include "gateway/quarantine/memory_store.hpp"

#include <algorithm>

#include "gateway/quarantine/action_chain.hpp"
#include "gateway/quarantine/incident_number.hpp"
#include "gateway/quarantine/message_id.hpp"
#include "gateway/quarantine/transition_rules.hpp"

namespace galguard::quarantine {

namespace {
constexpr std::int64_t seconds_per_day = 86400;
}  // namespace

HeldMessage* MemoryStore::find(const std::string& id) {
  auto it = std::find_if(messages_.begin(), messages_.end(),
                         [&](const HeldMessage& m) { return m.id == id; });
  return it == messages_.end() ? nullptr : &*it;
}

void MemoryStore::append(std::int64_t at, const std::string& actor, const std::string& action,
                         const std::string& message_id, const std::string& reason) {
  ActionLogEntry e{
      static_cast<std::int64_t>(log_.size()) + 1, at, actor, action, message_id, reason, {}, {}};
  seal(e, log_.empty() ? genesis_hash : std::string_view(log_.back().hash));
  log_.push_back(std::move(e));
}

std::string MemoryStore::hold(HeldMessage message) {
  std::lock_guard lock(mutex_);
  if (message.id.empty()) message.id = new_message_id();
  if (find(message.id)) throw StateError("quarantine message " + message.id + " already exists");
  message.state = State::held;
  append(message.received_at, "gateway", "held", message.id, hold_reason(message));
  messages_.push_back(std::move(message));
  return messages_.back().id;
}

std::optional<HeldMessage> MemoryStore::get(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (const HeldMessage* m = find(id)) return *m;
  return std::nullopt;
}

std::vector<const HeldMessage*> MemoryStore::matching(const ListFilter& filter) const {
  std::vector<const HeldMessage*> hits;
  for (const HeldMessage& m : messages_) {
    if (filter.state && m.state != *filter.state) continue;
    if (filter.code && std::find(m.codes.begin(), m.codes.end(), *filter.code) == m.codes.end())
      continue;
    if (filter.sender && m.envelope.mail_from.find(*filter.sender) == std::string::npos) continue;
    if (filter.since && m.received_at < *filter.since) continue;
    if (filter.until && m.received_at >= *filter.until) continue;
    hits.push_back(&m);
  }
  return hits;
}

std::vector<HeldMessage> MemoryStore::list(const ListFilter& filter) {
  std::lock_guard lock(mutex_);
  std::vector<const HeldMessage*> hits = matching(filter);
  // Newest first; among equal times the later hold first, as the SQLite store orders by rowid.
  std::reverse(hits.begin(), hits.end());
  std::stable_sort(hits.begin(), hits.end(), [](const HeldMessage* a, const HeldMessage* b) {
    return a->received_at > b->received_at;
  });
  std::vector<HeldMessage> out;
  for (const HeldMessage* m : hits) {
    if (out.size() >= filter.limit) break;
    out.push_back(*m);
  }
  return out;
}

std::size_t MemoryStore::count(const ListFilter& filter) {
  std::lock_guard lock(mutex_);
  return matching(filter).size();
}

std::vector<int> MemoryStore::held_per_day(std::int64_t from, int days) {
  std::lock_guard lock(mutex_);
  std::vector<int> out(static_cast<std::size_t>(std::max(days, 0)), 0);
  for (const HeldMessage& m : messages_) {
    if (m.received_at < from) continue;
    const std::int64_t day = (m.received_at - from) / seconds_per_day;
    if (day < days) ++out[static_cast<std::size_t>(day)];
  }
  return out;
}

void MemoryStore::transition(const std::string& id, State to, const std::string& actor,
                             const std::string& reason, std::int64_t at) {
  std::lock_guard lock(mutex_);
  HeldMessage* m = find(id);
  if (!m) throw StateError("no quarantine message with id " + id);
  check_transition(id, m->state, to);
  m->state = to;
  if (to == State::expired || to == State::deleted) m->raw.clear();
  append(at, actor, std::string(to_string(to)), id, reason);
}

ActionLogEntry MemoryStore::log(std::int64_t at, const std::string& actor,
                                const std::string& action, const std::string& message_id,
                                const std::string& reason) {
  std::lock_guard lock(mutex_);
  append(at, actor, action, message_id, reason);
  return log_.back();
}

std::vector<ActionLogEntry> MemoryStore::action_log(const std::optional<std::string>& message_id) {
  std::lock_guard lock(mutex_);
  if (!message_id) return log_;
  std::vector<ActionLogEntry> out;
  for (const ActionLogEntry& e : log_) {
    if (e.message_id == *message_id) out.push_back(e);
  }
  return out;
}

ChainCheck MemoryStore::verify_chain() {
  std::lock_guard lock(mutex_);
  return verify(log_);
}

std::size_t MemoryStore::purge(std::int64_t older_than, std::int64_t at) {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (HeldMessage& m : messages_) {
    if (m.state == State::released && m.received_at < older_than && !m.raw.empty()) {
      m.raw.clear();
      append(at, "retention", "erased", m.id, "retention period ended");
      continue;
    }
    if (m.state != State::held || m.received_at >= older_than) continue;
    m.state = State::expired;
    m.raw.clear();
    append(at, "retention", "expired", m.id, "retention period ended");
    ++n;
  }
  return n;
}

Incident* MemoryStore::find_incident(const std::string& id) {
  auto it = std::find_if(incidents_.begin(), incidents_.end(),
                         [&](const Incident& i) { return i.id == id; });
  return it == incidents_.end() ? nullptr : &*it;
}

std::string MemoryStore::create_incident(Incident incident, const std::string& actor,
                                         std::int64_t at) {
  std::lock_guard lock(mutex_);
  const int number = last_incident_number_ + 1;
  if (incident.id.empty()) incident.id = incident_id(number);
  if (find_incident(incident.id)) throw StateError("incident " + incident.id + " already exists");
  incident.created_at = at;
  incident.created_by = actor;
  incident.updated_at = at;
  last_incident_number_ = number;
  append(at, actor, "incident-created", incident.message_id, incident.id);
  incidents_.push_back(std::move(incident));
  return incidents_.back().id;
}

std::optional<Incident> MemoryStore::incident(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (const Incident* i = find_incident(id)) return *i;
  return std::nullopt;
}

std::vector<Incident> MemoryStore::incidents() {
  std::lock_guard lock(mutex_);
  return {incidents_.rbegin(), incidents_.rend()};
}

void MemoryStore::update_incident(const Incident& incident, const std::string& actor,
                                  std::int64_t at) {
  std::lock_guard lock(mutex_);
  Incident* stored = find_incident(incident.id);
  if (!stored) throw StateError("no incident with id " + incident.id);
  Incident updated = incident;
  updated.created_at = stored->created_at;
  updated.created_by = stored->created_by;
  updated.updated_at = at;
  *stored = std::move(updated);
  append(at, actor, "incident-edited", stored->message_id, stored->id);
}

void MemoryStore::add_user(const User& user, const std::string& actor, std::int64_t at) {
  std::lock_guard lock(mutex_);
  if (users_.contains(user.name)) throw StateError("user " + user.name + " already exists");
  User added = user;
  if (added.created_at == 0) added.created_at = at;
  users_.emplace(added.name, std::move(added));
  append(at, actor, "user-added", "", user.name);
}

std::optional<User> MemoryStore::user(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = users_.find(name);
  if (it == users_.end()) return std::nullopt;
  return it->second;
}

std::vector<User> MemoryStore::users() {
  std::lock_guard lock(mutex_);
  std::vector<User> out;
  for (const auto& [name, user] : users_)
    out.push_back(user);
  return out;
}

void MemoryStore::set_password(const std::string& name, const std::string& password_hash,
                               const std::string& actor, std::int64_t at) {
  std::lock_guard lock(mutex_);
  auto it = users_.find(name);
  if (it == users_.end()) throw StateError("no user named " + name);
  it->second.password_hash = password_hash;
  append(at, actor, "user-password", "", name);
}

void MemoryStore::remove_user(const std::string& name, const std::string& actor, std::int64_t at) {
  std::lock_guard lock(mutex_);
  if (users_.erase(name) == 0) throw StateError("no user named " + name);
  append(at, actor, "user-removed", "", name);
}

}  // namespace galguard::quarantine
