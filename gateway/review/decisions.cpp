// Release re-injects first and records only after the release relay's 250, so a relay that is
// down leaves the message held and the log truthful. Four-eyes lives here too, so the CLI
// cannot be a way around the UI's second approval.
#include "gateway/review/decisions.hpp"

#include <fmt/format.h>

#include "gateway/incidents/prefill.hpp"
#include "gateway/quarantine/transition_rules.hpp"
#include "gateway/relay/client.hpp"
#include "gateway/review/release_trace.hpp"
#include "gateway/review/typed_text.hpp"
#include "rules/detectors/personal_data.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::review {
namespace {

using quarantine::ActionLogEntry;
using quarantine::HeldMessage;
using quarantine::State;

constexpr std::string_view kRequested = "release-requested";

bool ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Nothing of the original MAIL FROM parameters is stored, so they are derived from what is
// sent: 8-bit content needs BODY=8BITMIME, a non-ASCII address SMTPUTF8.
smtp::MailParameters parameters_for(const HeldMessage& m, std::string_view content) {
  smtp::MailParameters p;
  p.size = content.size();
  if (!ascii(content)) p.body = smtp::Body::eight_bit_mime;
  bool utf8 = !ascii(m.envelope.mail_from);
  for (const std::string& r : m.envelope.rcpt_to)
    utf8 = utf8 || !ascii(r);
  p.smtputf8 = utf8;
  return p;
}

// The message, held; anything else is a DecisionError in the words of the state machine.
HeldMessage held_message(quarantine::QuarantineStore& store, const std::string& id, State to) {
  std::optional<HeldMessage> m = store.get(id);
  if (!m) throw DecisionError(fmt::format("no held message with id {}", id));
  try {
    quarantine::check_transition(m->id, m->state, to);
  } catch (const quarantine::StateError& e) {
    throw DecisionError(e.what());
  }
  return std::move(*m);
}

// Sends; returns the relay's reply on one line. Throws DecisionError when it did not take it.
std::string send(const config::Config& config, const HeldMessage& m, const std::string& actor,
                 const std::string& reason, std::int64_t now) {
  if (m.envelope.rcpt_to.empty())
    throw DecisionError(fmt::format("message {} has no recipients to release to", m.id));
  const std::string content = release_trace_field(m, actor, now, reason) + m.raw;
  relay::Transaction transaction;
  transaction.sender = m.envelope.mail_from;
  transaction.recipients = m.envelope.rcpt_to;
  transaction.parameters = parameters_for(m, content);
  transaction.message = content;
  const relay::Outcome outcome = relay::send_blocking(config.release, std::move(transaction));
  if (outcome.kind != relay::Outcome::Kind::accepted)
    throw DecisionError(fmt::format(
        "release relay {} {}: {}; message {} stays held", config.release.next_hop.text(),
        outcome.kind == relay::Outcome::Kind::refused ? "refused" : "unavailable",
        outcome.reply.one_line(), m.id));
  return outcome.reply.one_line();
}

}  // namespace

bool needs_second_approval(const HeldMessage& message, const config::ReviewSettings& settings) {
  if (!settings.four_eyes) return false;
  rules::PersonalData found;
  found.identity_numbers = message.personal_data.identity_numbers;
  found.categories = message.personal_data.categories;
  return found.special_category() || found.identity_numbers > settings.four_eyes_identity_numbers;
}

std::optional<ActionLogEntry> pending_release_request(
    const std::vector<ActionLogEntry>& message_log) {
  std::optional<ActionLogEntry> pending;
  for (const ActionLogEntry& e : message_log) {
    if (e.action == kRequested) pending = e;
    if (e.action == "released" || e.action == "deleted" || e.action == "expired" ||
        e.action == "release-withdrawn")
      pending.reset();
  }
  return pending;
}

ReleaseOutcome release(quarantine::QuarantineStore& store, const config::Config& config,
                       const std::string& id, const std::string& actor, const std::string& reason,
                       std::int64_t now) {
  const HeldMessage m = held_message(store, id, State::released);
  std::string recorded_reason = reason;
  if (needs_second_approval(m, config.review)) {
    const std::optional<ActionLogEntry> request = pending_release_request(store.action_log(id));
    if (!request) {
      store.log(now, actor, std::string(kRequested), id, reason);
      return {ReleaseOutcome::Kind::requested, config.release.next_hop.text(), {}};
    }
    if (request->actor == actor)
      throw DecisionError(fmt::format(
          "message {} needs a second DPO: {} asked for its release, so someone else approves", id,
          actor));
    recorded_reason = fmt::format("approved the release {} asked for ({}): {}", request->actor,
                                  request->reason, reason);
  }
  const std::string reply = send(config, m, actor, recorded_reason, now);
  try {
    store.transition(id, State::released, actor, recorded_reason, now);
  } catch (const std::exception& e) {
    // The mail has gone; say so, or the next person would release it a second time.
    throw DecisionError(fmt::format(
        "release relay {} accepted message {} ({}), but recording the release failed: {}",
        config.release.next_hop.text(), id, reply, e.what()));
  }
  return {ReleaseOutcome::Kind::released, config.release.next_hop.text(), reply};
}

void delete_message(quarantine::QuarantineStore& store, const std::string& id,
                    const std::string& actor, const std::string& reason, std::int64_t now) {
  held_message(store, id, State::deleted);
  store.transition(id, State::deleted, actor, reason, now);
}

std::string mark_incident(quarantine::QuarantineStore& store, const config::Config& config,
                          const std::string& id, const std::string& actor,
                          const std::string& reason, std::int64_t now) {
  const std::optional<HeldMessage> m = store.get(id);
  if (!m) throw DecisionError(fmt::format("no held message with id {}", id));
  // One record per message: a second click must not start a second 72-hour clock.
  for (const quarantine::Incident& existing : store.incidents())
    if (existing.message_id == id)
      throw DecisionError(
          fmt::format("message {} is already incident {}; edit that record", id, existing.id));
  store.log(now, actor, "classified-incident", id, reason);
  quarantine::Incident incident =
      incidents::incident_from_message(*m, store.action_log(id), config.organisation, now);
  return store.create_incident(std::move(incident), actor, now);
}

void mark_not_incident(quarantine::QuarantineStore& store, const std::string& id,
                       const std::string& actor, const std::string& reason, std::int64_t now) {
  if (!store.get(id)) throw DecisionError(fmt::format("no held message with id {}", id));
  store.log(now, actor, "classified-not-incident", id, reason);
}

std::string clean_reason(std::string_view typed) {
  std::string text = clean_text(typed);
  if (text.empty()) throw DecisionError("the reason is empty; say why (it goes to the action log)");
  if (!rules::is_valid_utf8(text)) throw DecisionError("the reason is not valid UTF-8");
  if (text.size() > kMaxReasonBytes)
    throw DecisionError(fmt::format(
        "the reason is {} bytes long; at most {} fit in the action log and the trace header",
        text.size(), kMaxReasonBytes));
  return text;
}

}  // namespace galguard::review
