// The decision about one message, before any I/O: parse, run rules/, and say what to tell the
// sender. Kept apart from the coroutine that relays or holds, so it is testable with no socket.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/sandbox.hpp"
#include "gateway/config/config.hpp"
#include "gateway/quarantine/store.hpp"
#include "gateway/server/rulebook.hpp"
#include "gateway/smtp/reply.hpp"
#include "rules/checks/verdict.hpp"
#include "rules/message/envelope.hpp"

namespace galguard::server {

struct Judgement {
  rules::Action action = rules::Action::pass;
  rules::Verdict verdict;
  // Set when the bytes could not be read as mail: such a message is held, never relayed
  // unchecked, because its recipients could not be compared with the directory.
  std::string unreadable;
  std::string message_id;  // the Message-ID header without brackets, "" when there is none

  std::vector<std::string> codes() const;
  // Each finding as "code:<address>", once: the log line names the recipient it is about.
  std::vector<std::string> findings_by_recipient() const;
  std::string verdict_json() const;
};

// The message's header recipients and its envelope, judged with the rulebook's directory,
// flags and policy; its attachments read by `attachments` first (none: not read, each listed as
// "not read"). Blocks while a reader runs: call it off the I/O thread when
// needs_attachment_reader() says so.
Judgement judge(const Rulebook& rules, const rules::Envelope& envelope, std::string_view message,
                const extract::Sandbox* attachments = nullptr);
Judgement judge(const Rulebook& rules, const rules::Envelope& envelope, rules::MessageView view,
                const extract::Sandbox* attachments = nullptr);

// The attachment reader [attachments] asks for: this binary's `extract --worker` under the
// configured limits; nullopt with read = false.
std::optional<extract::Sandbox> attachment_reader(const config::Config& config);

// Whether judging this parsed message starts an attachment reader.
bool needs_attachment_reader(const rules::MessageView& view, const extract::Sandbox* attachments);

// The sender-facing refusal for held or rejected mail (550 5.7.1): which recipient and why,
// in the checks' own sentences, which name addresses and directory entries but never anything
// from the body. At most five lines, each within RFC 5321's 512-octet reply line.
smtp::Reply refusal(const Judgement& judgement, std::string_view held_id);

quarantine::PersonalDataSummary personal_data_summary(const Judgement& judgement);

// What goes into the quarantine for a held message, the same from the SMTP gate and the milter:
// the bytes as received, the envelope, the verdict, the codes and the personal-data counts.
quarantine::HeldMessage held_message(const Judgement& judgement, std::string id, std::string raw,
                                     quarantine::Envelope envelope, std::int64_t at);

}  // namespace galguard::server
