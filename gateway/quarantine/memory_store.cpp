#include "gateway/quarantine/memory_store.hpp"

#include <algorithm>

#include "gateway/quarantine/action_chain.hpp"
#include "gateway/quarantine/message_id.hpp"
#include "gateway/quarantine/transition_rules.hpp"

namespace galguard::quarantine {

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

std::vector<HeldMessage> MemoryStore::list(const ListFilter& filter) {
  std::lock_guard lock(mutex_);
  std::vector<const HeldMessage*> hits;
  for (const HeldMessage& m : messages_) {
    if (filter.state && m.state != *filter.state) continue;
    if (filter.code && std::find(m.codes.begin(), m.codes.end(), *filter.code) == m.codes.end())
      continue;
    if (filter.sender && m.envelope.mail_from.find(*filter.sender) == std::string::npos) continue;
    hits.push_back(&m);
  }
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

}  // namespace galguard::quarantine
