// One behaviour suite for every QuarantineStore backend: callers may rely on exactly these rules
// whichever backend the configuration picks. Instantiated for Memory and SQLite by
// store_behaviour_test.cpp and for PostgreSQL by tests/integration/postgres/, with
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Name, StoreBehaviour, ::testing::Types<Backend>);
//
// where Backend has `std::unique_ptr<QuarantineStore> open()`, a fresh empty store per test, and
// `static std::string unavailable()`, why it cannot run here ("" when it can: the test skips).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "gateway/quarantine/store.hpp"
#include "sample_messages.hpp"

namespace galguard::quarantine::testing {

template <typename Backend>
class StoreBehaviour : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = Backend::unavailable(); !why.empty()) GTEST_SKIP() << why;
    store = backend.open();
  }

  Backend backend;
  std::unique_ptr<QuarantineStore> store;
};

TYPED_TEST_SUITE_P(StoreBehaviour);

TYPED_TEST_P(StoreBehaviour, HoldThenGetReturnsIdenticalBytesAndEnvelope) {
  const HeldMessage in = sample_message(1000, "carl@example.com", {"GG101", "GG202"});
  ASSERT_EQ(in.raw.size(), 39u);  // the NUL is inside, not a terminator
  const std::string id = this->store->hold(in);
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;

  const auto got = this->store->get(id);
  ASSERT_TRUE(got);
  HeldMessage want = in;
  want.id = id;
  EXPECT_EQ(got->raw, in.raw);
  EXPECT_EQ(got->envelope, in.envelope);
  EXPECT_EQ(got->state, State::held);
  EXPECT_EQ(*got, want);
  EXPECT_FALSE(this->store->get("0000000000000000"));
}

TYPED_TEST_P(StoreBehaviour, HoldKeepsAGivenIdAndRefusesADuplicate) {
  HeldMessage m = sample_message(1, "a@example.com", {});
  m.id = "fixedid";
  EXPECT_EQ(this->store->hold(m), "fixedid");
  EXPECT_THROW(this->store->hold(m), StateError);
  EXPECT_EQ(this->store->action_log(std::nullopt).size(), 1u);
}

// Named fields without designated initializers, which GCC 12 warns about when some are left out.
template <typename Set>
inline ListFilter filter(Set set) {
  ListFilter f;
  set(f);
  return f;
}

TYPED_TEST_P(StoreBehaviour, ListFiltersAndOrdersNewestFirst) {
  auto& s = *this->store;
  const std::string old_id = s.hold(sample_message(100, "alice@corp.example", {"GG101"}));
  const std::string mid_id = s.hold(sample_message(200, "bob@other.example", {"GG202"}));
  const std::string new_id = s.hold(sample_message(300, "alice@corp.example", {"GG101", "GG202"}));
  const std::string tie_id = s.hold(sample_message(300, "eve@corp.example", {"GG303"}));
  s.transition(mid_id, State::released, "op", "false positive", 400);

  auto ids = [](const std::vector<HeldMessage>& v) {
    std::vector<std::string> out;
    for (const auto& m : v)
      out.push_back(m.id);
    return out;
  };
  struct Case {
    const char* name;
    ListFilter filter;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      {"all", {}, {tie_id, new_id, mid_id, old_id}},
      {"held", filter([](ListFilter& f) { f.state = State::held; }), {tie_id, new_id, old_id}},
      {"released", filter([](ListFilter& f) { f.state = State::released; }), {mid_id}},
      {"code", filter([](ListFilter& f) { f.code = "GG202"; }), {new_id, mid_id}},
      {"code prefix is not a match", filter([](ListFilter& f) { f.code = "GG20"; }), {}},
      {"sender substring", filter([](ListFilter& f) { f.sender = "alice@"; }), {new_id, old_id}},
      {"sender and code",
       filter([](ListFilter& f) { f.code = "GG101", f.sender = "corp.example"; }),
       {new_id, old_id}},
      {"limit", filter([](ListFilter& f) { f.limit = 2; }), {tie_id, new_id}},
      {"expired", filter([](ListFilter& f) { f.state = State::expired; }), {}},
      {"since is inclusive",
       filter([](ListFilter& f) { f.since = 200; }),
       {tie_id, new_id, mid_id}},
      {"until is exclusive", filter([](ListFilter& f) { f.until = 300; }), {mid_id, old_id}},
      {"a day's window", filter([](ListFilter& f) { f.since = 200, f.until = 300; }), {mid_id}},
      {"window and sender",
       filter([](ListFilter& f) { f.sender = "alice@", f.since = 150; }),
       {new_id}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ids(s.list(c.filter)), c.want) << c.name;
    ListFilter unlimited = c.filter;
    unlimited.limit = 1;  // count ignores the page size: the queue shows "3 of 40"
    const std::size_t want_count = c.filter.limit == 2 ? 4u : c.want.size();
    EXPECT_EQ(s.count(unlimited), want_count) << c.name;
  }
}

TYPED_TEST_P(StoreBehaviour, HeldPerDayCountsEveryMessageByItsUtcDay) {
  auto& s = *this->store;
  const std::int64_t day0 = 1764028800;  // 2025-11-25T00:00:00Z
  s.hold(sample_message(day0 - 1, "before@example.com", {}));
  s.hold(sample_message(day0, "a@example.com", {}));
  const std::string released = s.hold(sample_message(day0 + 86399, "b@example.com", {}));
  const std::string deleted = s.hold(sample_message(day0 + 2 * 86400 + 5, "c@example.com", {}));
  s.hold(sample_message(day0 + 3 * 86400, "after@example.com", {}));
  s.transition(released, State::released, "op", "ok", day0 + 90000);
  s.transition(deleted, State::deleted, "op", "spam", day0 + 3 * 86400);

  // A released or deleted message was still held that day: the chart shows what arrived.
  EXPECT_EQ(s.held_per_day(day0, 3), (std::vector<int>{2, 0, 1}));
  EXPECT_EQ(s.held_per_day(day0 + 86400, 1), (std::vector<int>{0}));
  EXPECT_TRUE(s.held_per_day(day0, 0).empty());
}

inline Incident sample_incident(const std::string& message_id) {
  Incident i;
  i.message_id = message_id;
  i.organisation = "Stockholms stad";
  i.contact = "Dataskyddsombud, dso@example.se";
  i.occurred_at = 1764079380;
  i.discovered_at = 1764079500;
  i.nature = "unauthorised disclosure by misaddressed e-mail";
  i.description = "Pupil records sent to a look-alike address";
  i.recipients = {"Service Desk 33900 <maria-sfbo@elevstockholm.onmicrosoft.com>"};
  i.data_subjects = 12;
  i.records = 12;
  i.data_categories = {"identity_number", "health"};
  i.special_categories = true;
  return i;
}

TYPED_TEST_P(StoreBehaviour, IncidentsAreNumberedStampedAndLogged) {
  auto& s = *this->store;
  const std::string msg = s.hold(sample_message(100, "a@example.com", {"GG101"}));
  const std::string first = s.create_incident(sample_incident(msg), "dpo@example.se", 500);
  const std::string second = s.create_incident(sample_incident(""), "anna", 600);
  EXPECT_EQ(first, "INC-1");
  EXPECT_EQ(second, "INC-2");

  const auto got = s.incident(first);
  ASSERT_TRUE(got);
  Incident want = sample_incident(msg);
  want.id = "INC-1";
  want.created_at = 500;
  want.created_by = "dpo@example.se";
  want.updated_at = 500;
  EXPECT_EQ(*got, want);
  EXPECT_FALSE(s.incident("INC-9"));

  const auto all = s.incidents();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "INC-2");  // newest first
  EXPECT_EQ(all[1].id, "INC-1");

  const auto log = s.action_log(msg);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].action, "incident-created");
  EXPECT_EQ(log[1].actor, "dpo@example.se");
  EXPECT_EQ(log[1].reason, "INC-1");
  EXPECT_EQ(log[1].at, 500);
  EXPECT_TRUE(s.verify_chain().ok);

  Incident named = sample_incident("");
  named.id = "INC-2";
  EXPECT_THROW(s.create_incident(named, "anna", 700), StateError);
  EXPECT_EQ(s.incidents().size(), 2u);
  EXPECT_EQ(s.action_log(std::nullopt).size(), 3u);  // the refused one left no trace
}

TYPED_TEST_P(StoreBehaviour, UpdatingAnIncidentKeepsWhoCreatedItAndWhen) {
  auto& s = *this->store;
  const std::string id = s.create_incident(sample_incident(""), "dpo", 500);
  Incident edit = *s.incident(id);
  edit.created_at = 1;  // a form cannot rewrite the record's history
  edit.created_by = "mallory";
  edit.status = "closed";
  edit.notified_at = 900;
  edit.authority_reference = "IMY-2025-1234";
  edit.ended_at = 800;
  edit.recipients.clear();
  s.update_incident(edit, "anna", 1000);

  const auto got = s.incident(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->created_at, 500);
  EXPECT_EQ(got->created_by, "dpo");
  EXPECT_EQ(got->updated_at, 1000);
  EXPECT_EQ(got->status, "closed");
  EXPECT_EQ(got->notified_at, 900);
  EXPECT_EQ(got->ended_at, 800);
  EXPECT_EQ(got->authority_reference, "IMY-2025-1234");
  EXPECT_TRUE(got->recipients.empty());
  const auto log = s.action_log(std::nullopt);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].action, "incident-edited");
  EXPECT_EQ(log[1].actor, "anna");
  EXPECT_EQ(log[1].reason, id);

  edit.id = "INC-7";
  EXPECT_THROW(s.update_incident(edit, "anna", 1100), StateError);
  EXPECT_EQ(s.action_log(std::nullopt).size(), 2u);
}

TYPED_TEST_P(StoreBehaviour, UsersAreAddedChangedAndRemovedWithALogRowEach) {
  auto& s = *this->store;
  s.add_user({"viktor", Role::viewer, "$argon2id$v", 0}, "root", 100);
  s.add_user({"anna", Role::dpo, "$argon2id$a", 50}, "root", 101);
  EXPECT_THROW(s.add_user({"anna", Role::viewer, "$argon2id$x", 0}, "root", 102), StateError);

  const auto users = s.users();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0], (User{"anna", Role::dpo, "$argon2id$a", 50}));  // by name
  EXPECT_EQ(users[1], (User{"viktor", Role::viewer, "$argon2id$v", 100}));

  s.set_password("anna", "$argon2id$new", "anna", 200);
  EXPECT_EQ(s.user("anna")->password_hash, "$argon2id$new");
  EXPECT_THROW(s.set_password("nobody", "$argon2id$n", "root", 201), StateError);

  s.remove_user("viktor", "root", 300);
  EXPECT_FALSE(s.user("viktor"));
  EXPECT_THROW(s.remove_user("viktor", "root", 301), StateError);

  std::vector<std::string> actions;
  for (const ActionLogEntry& e : s.action_log(std::nullopt)) {
    actions.push_back(e.action + " " + e.reason);
    EXPECT_TRUE(e.message_id.empty());
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"user-added viktor", "user-added anna",
                                               "user-password anna", "user-removed viktor"}));
  EXPECT_TRUE(s.verify_chain().ok);
}

TYPED_TEST_P(StoreBehaviour, OnlyHeldMessagesChangeState) {
  auto& s = *this->store;
  const std::string a = s.hold(sample_message(1, "a@example.com", {}));
  s.transition(a, State::released, "op", "ok", 10);
  EXPECT_EQ(s.get(a)->state, State::released);
  EXPECT_THROW(s.transition(a, State::deleted, "op", "again", 11), StateError);
  EXPECT_THROW(s.transition(a, State::held, "op", "back", 11), StateError);
  EXPECT_EQ(s.get(a)->state, State::released);

  const std::string b = s.hold(sample_message(2, "b@example.com", {}));
  EXPECT_THROW(s.transition(b, State::held, "op", "no-op", 12), StateError);
  s.transition(b, State::deleted, "op", "spam", 12);
  EXPECT_EQ(s.get(b)->state, State::deleted);
  EXPECT_THROW(s.transition(b, State::released, "op", "undo", 13), StateError);

  EXPECT_THROW(s.transition("nosuchid", State::released, "op", "", 14), StateError);
}

TYPED_TEST_P(StoreBehaviour, EveryTransitionAppendsExactlyOneLogRow) {
  auto& s = *this->store;
  const std::string a = s.hold(sample_message(1, "a@example.com", {"GG101", "GG202"}));
  const std::string b = s.hold(sample_message(2, "b@example.com", {}));
  ASSERT_EQ(s.action_log(std::nullopt).size(), 2u);

  s.transition(a, State::released, "operator@example.com", "checked with sender", 50);
  auto log = s.action_log(std::nullopt);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log.back().seq, 3);
  EXPECT_EQ(log.back().at, 50);
  EXPECT_EQ(log.back().actor, "operator@example.com");
  EXPECT_EQ(log.back().action, "released");
  EXPECT_EQ(log.back().message_id, a);
  EXPECT_EQ(log.back().reason, "checked with sender");
  EXPECT_EQ(log.back().prev_hash, log[1].hash);

  // A refused transition leaves no trace.
  EXPECT_THROW(s.transition(a, State::deleted, "op", "", 51), StateError);
  EXPECT_EQ(s.action_log(std::nullopt).size(), 3u);

  s.log(60, "operator@example.com", "viewed-body", b, "support ticket 12");
  const auto for_a = s.action_log(a);
  ASSERT_EQ(for_a.size(), 2u);
  EXPECT_EQ(for_a[0].action, "held");
  EXPECT_EQ(for_a[0].reason, "GG101,GG202");
  EXPECT_EQ(for_a[1].action, "released");
  const auto for_b = s.action_log(b);
  ASSERT_EQ(for_b.size(), 2u);
  EXPECT_EQ(for_b[1].action, "viewed-body");
}

TYPED_TEST_P(StoreBehaviour, ChainVerifies) {
  auto& s = *this->store;
  EXPECT_TRUE(s.verify_chain().ok);  // empty log
  const std::string a = s.hold(sample_message(1, "a@example.com", {}));
  s.log(2, "op", "viewed-body", a, "");
  s.transition(a, State::deleted, "op", "phishing", 3);
  const auto log = s.action_log(std::nullopt);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log.front().prev_hash, std::string(64, '0'));
  const ChainCheck check = s.verify_chain();
  EXPECT_TRUE(check.ok);
  EXPECT_FALSE(check.first_bad_seq);
}

TYPED_TEST_P(StoreBehaviour, PurgeExpiresOldHeldMessagesDropsBytesKeepsLog) {
  auto& s = *this->store;
  const std::string old_held = s.hold(sample_message(100, "a@example.com", {}));
  const std::string old_released = s.hold(sample_message(100, "b@example.com", {}));
  const std::string recent = s.hold(sample_message(900, "c@example.com", {}));
  s.transition(old_released, State::released, "op", "ok", 150);

  EXPECT_EQ(s.purge(500, 1000), 1u);
  const auto expired = s.get(old_held);
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->state, State::expired);
  EXPECT_TRUE(expired->raw.empty());
  EXPECT_EQ(expired->envelope.mail_from, "a@example.com");  // what was held stays reviewable
  EXPECT_EQ(s.get(old_released)->state, State::released);
  EXPECT_TRUE(s.get(old_released)->raw.empty()) << "sent long ago: no copy kept past retention";
  EXPECT_EQ(s.action_log(old_released).back().action, "erased");
  EXPECT_EQ(s.get(recent)->state, State::held);
  EXPECT_FALSE(s.get(recent)->raw.empty());

  const auto log = s.action_log(old_held);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "held");
  EXPECT_EQ(log[1].action, "expired");
  EXPECT_EQ(log[1].at, 1000);
  EXPECT_EQ(s.action_log(std::nullopt).size(), 6u);
  EXPECT_TRUE(s.verify_chain().ok);

  EXPECT_EQ(s.purge(500, 1001), 0u);  // idempotent
  EXPECT_THROW(s.transition(old_held, State::released, "op", "", 1002), StateError);
}

TYPED_TEST_P(StoreBehaviour, DeletingDropsTheBytesAtOnceButKeepsTheRecord) {
  auto& s = *this->store;
  const std::string id = s.hold(sample_message(100, "a@example.com", {"protected-name"}));
  s.transition(id, State::deleted, "dpo", "wrong recipient, sender informed", 200);
  const auto deleted = s.get(id);
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->state, State::deleted);
  EXPECT_TRUE(deleted->raw.empty());
  EXPECT_EQ(deleted->codes, std::vector<std::string>{"protected-name"});
  EXPECT_EQ(s.action_log(id).back().reason, "wrong recipient, sender informed");
}

TYPED_TEST_P(StoreBehaviour, EveryByteOfTheMessageAndEnvelopeComesBack) {
  // Mail is bytes: every value 0-255 in the body, and an envelope that is not valid UTF-8
  // (a sender's 8-bit junk) must be kept as it came, not refused or "repaired".
  HeldMessage m = sample_message(5, "caf\xe9\xff@example.com", {"GG101"});
  m.raw.clear();
  for (int i = 0; i < 4 * 256; ++i)
    m.raw += static_cast<char>(i % 256);
  m.envelope.helo = "h\xe4lo";
  m.envelope.client_name = "n\xc3";
  m.verdict_json = "{\"x\":\"\xc3\xa9\"}";
  const std::string id = this->store->hold(m);
  const auto got = this->store->get(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->raw, m.raw);
  EXPECT_EQ(got->envelope, m.envelope);
  EXPECT_EQ(got->verdict_json, m.verdict_json);
  ListFilter by_sender;
  by_sender.sender = "\xe9\xff@";
  EXPECT_EQ(this->store->count(by_sender), 1u);
}

REGISTER_TYPED_TEST_SUITE_P(StoreBehaviour, HoldThenGetReturnsIdenticalBytesAndEnvelope,
                            HoldKeepsAGivenIdAndRefusesADuplicate, ListFiltersAndOrdersNewestFirst,
                            HeldPerDayCountsEveryMessageByItsUtcDay,
                            IncidentsAreNumberedStampedAndLogged,
                            UpdatingAnIncidentKeepsWhoCreatedItAndWhen,
                            UsersAreAddedChangedAndRemovedWithALogRowEach,
                            OnlyHeldMessagesChangeState, EveryTransitionAppendsExactlyOneLogRow,
                            ChainVerifies, PurgeExpiresOldHeldMessagesDropsBytesKeepsLog,
                            DeletingDropsTheBytesAtOnceButKeepsTheRecord,
                            EveryByteOfTheMessageAndEnvelopeComesBack);

}  // namespace galguard::quarantine::testing
