#include "gateway/server/judgement.hpp"

#include <fmt/format.h>

#include "gateway/quarantine/unix_time.hpp"
#include "gateway/verdict/verdict_output.hpp"
#include "rules/message/message_view.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::server {
namespace {

constexpr std::size_t kMaxReplyLines = 5;
// 512 octets per reply line minus "550-5.7.1 " and CRLF.
constexpr std::size_t kMaxReplyText = 512 - 12;

std::string fit(std::string text) {
  for (char& c : text)
    if (c == '\r' || c == '\n') c = ' ';
  if (text.size() <= kMaxReplyText) return text;
  std::size_t cut = kMaxReplyText - 3;
  // Cut at a UTF-8 character boundary.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return text.substr(0, cut) + "...";
}

}  // namespace

std::vector<std::string> Judgement::codes() const {
  if (!unreadable.empty()) return {"unreadable-message"};
  std::vector<std::string> out;
  for (const auto& finding : verdict.findings)
    if (std::find(out.begin(), out.end(), finding.code) == out.end()) out.push_back(finding.code);
  return out;
}

std::vector<std::string> Judgement::findings_by_recipient() const {
  std::vector<std::string> out;
  for (const auto& finding : verdict.findings) {
    // A header that could not be read has no address: the header is what the finding is about.
    std::string item = finding.code + ":" +
                       (finding.address.empty() ? finding.header : "<" + finding.address + ">");
    if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
  }
  return out;
}

std::string Judgement::verdict_json() const {
  nlohmann::json json = verdict::to_json(this->verdict);
  if (!unreadable.empty()) {
    json["verdict"] = rules::to_string(action);
    json["error"] = unreadable;
  }
  return json.dump();
}

Judgement judge(const Rulebook& rules, const rules::Envelope& envelope, std::string_view message,
                const extract::Sandbox* attachments) {
  rules::MessageView view;
  try {
    view = rules::parse_message(message);
  } catch (const rules::InputError& e) {
    Judgement judgement;
    judgement.unreadable = e.what();
    judgement.action = rules::Action::quarantine;
    return judgement;
  }
  return judge(rules, envelope, std::move(view), attachments);
}

Judgement judge(const Rulebook& rules, const rules::Envelope& envelope, rules::MessageView view,
                const extract::Sandbox* attachments) {
  if (needs_attachment_reader(view, attachments))
    extract::read_attachments_sandboxed(view, *attachments);
  Judgement judgement;
  judgement.message_id = view.message_id;
  judgement.verdict = rules::evaluate(
      view, envelope, {*rules.directory, *rules.policy, *rules.flagged, quarantine::civil_today()});
  judgement.action = judgement.verdict.action;
  return judgement;
}

std::optional<extract::Sandbox> attachment_reader(const config::Config& config) {
  if (!config.read_attachments) return std::nullopt;
  return extract::Sandbox{extract::own_worker_command(), config.attachment_limits};
}

bool needs_attachment_reader(const rules::MessageView& view, const extract::Sandbox* attachments) {
  if (attachments == nullptr) return false;
  for (const rules::Attachment& attachment : view.attachments)
    if (attachment.waiting()) return true;
  return false;
}

smtp::Reply refusal(const Judgement& judgement, std::string_view held_id) {
  smtp::Reply reply = smtp::standard(smtp::Standard::policy_reject);
  reply.lines.clear();
  if (!held_id.empty())
    reply.lines.push_back(
        fmt::format("Message held for review as {}; ask your data protection "
                    "officer to release it if it is right",
                    held_id));
  else
    reply.lines.push_back("Message refused by policy");
  if (!judgement.unreadable.empty()) reply.lines.push_back("The message headers could not be read");
  for (const auto& finding : judgement.verdict.findings) {
    if (reply.lines.size() >= kMaxReplyLines) break;
    std::string who;
    if (!finding.display_name.empty())
      who = fmt::format(" \"{}\" <{}>", finding.display_name, finding.address);
    else if (!finding.address.empty())
      who = " <" + finding.address + ">";
    reply.lines.push_back(fit(fmt::format("{}{}: {}", finding.header, who, finding.explanation)));
  }
  return reply;
}

quarantine::PersonalDataSummary personal_data_summary(const Judgement& judgement) {
  const auto& pd = judgement.verdict.personal_data;
  return {pd.identity_numbers, pd.categories};
}

quarantine::HeldMessage held_message(const Judgement& judgement, std::string id, std::string raw,
                                     quarantine::Envelope envelope, std::int64_t at) {
  quarantine::HeldMessage held;
  held.id = std::move(id);
  held.received_at = at;
  held.raw = std::move(raw);
  held.envelope = std::move(envelope);
  held.verdict_json = judgement.verdict_json();
  held.codes = judgement.codes();
  held.personal_data = personal_data_summary(judgement);
  return held;
}

}  // namespace galguard::server
