#include "gateway/server/milter_gate.hpp"

#include <fmt/format.h>

#include <chrono>

#include "gateway/quarantine/message_id.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "gateway/server/decision.hpp"
#include "gateway/server/offload.hpp"

namespace galguard::server {
namespace {

// 512 octets per reply line, minus "550 5.7.1 " and CRLF, minus room for doubled '%'.
constexpr std::size_t kMaxReplyText = 512 - 12 - 16;

// The letters of Swedish and its neighbours spelled in ASCII; anything else non-ASCII is '?'.
// Milter reply text must be printable ASCII, and the reasons name directory entries.
std::string ascii(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kLetters[] = {
      {"å", 'a'}, {"ä", 'a'}, {"ö", 'o'}, {"Å", 'A'}, {"Ä", 'A'}, {"Ö", 'O'}, {"é", 'e'},
      {"É", 'E'}, {"ü", 'u'}, {"Ü", 'U'}, {"æ", 'a'}, {"Æ", 'A'}, {"ø", 'o'}, {"Ø", 'O'}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
      ++i;
      continue;
    }
    char letter = '?';
    std::size_t length = 1;
    for (const auto& [utf8, plain] : kLetters) {
      if (text.substr(i, utf8.size()) == utf8) {
        letter = plain;
        length = utf8.size();
        break;
      }
    }
    // Skip the rest of an unknown character, so it is one '?'.
    if (letter == '?')
      while (i + length < text.size() &&
             (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80)
        ++length;
    out.push_back(letter);
    i += length;
  }
  return out;
}

std::string reply_text(const milter::Decision& decision) {
  switch (decision.kind) {
    case milter::Decision::Kind::accept:
      return "accept";
    case milter::Decision::Kind::discard:
      return "discard";
    case milter::Decision::Kind::tempfail:
    case milter::Decision::Kind::refuse:
      break;
  }
  if (decision.code == 0) return "tempfail";
  return fmt::format("{} {} {}", decision.code, decision.enhanced, decision.text);
}

milter::Decision coded(milter::Decision::Kind kind, int code, std::string enhanced,
                       std::string text) {
  milter::Decision decision;
  decision.kind = kind;
  decision.code = code;
  decision.enhanced = std::move(enhanced);
  decision.text = std::move(text);
  return decision;
}

}  // namespace

namespace {

// An SMTP reply as the one printable-ASCII line a milter reply may carry.
milter::Decision reply_decision(milter::Decision::Kind kind, const smtp::Reply& reply) {
  std::string text;
  for (const std::string& line : reply.lines) {
    if (!text.empty()) text += "; ";
    text += ascii(line);
  }
  if (text.size() > kMaxReplyText) text = text.substr(0, kMaxReplyText - 3) + "...";
  return coded(kind, reply.code, reply.enhanced, std::move(text));
}

}  // namespace

milter::Decision refusal_decision(const Judgement& judgement, std::string_view held_id) {
  return reply_decision(milter::Decision::Kind::refuse, refusal(judgement, held_id));
}

MilterGate::MilterGate(MilterGateSettings settings, DirectoryState& directory,
                       quarantine::QuarantineStore& store, DeliveryRecorder& deliveries, Log& log,
                       boost::asio::thread_pool& blocking, metrics::GatewayMetrics& metrics)
    : settings_(std::move(settings)),
      directory_(directory),
      store_(store),
      deliveries_(deliveries),
      log_(log),
      blocking_(blocking),
      metrics_(metrics) {}

boost::asio::awaitable<milter::Decision> MilterGate::on_message(const milter::Client& client,
                                                                const milter::Message& message,
                                                                std::string raw) {
  const auto started = std::chrono::steady_clock::now();
  MessageRecord record;
  record.id = quarantine::new_message_id();
  record.client = client_label(client.name, client.address);
  record.from = message.sender;
  record.recipients = message.recipients;
  record.relay = "milter";
  record.queue_id = message.queue_id;

  milter::Decision decision;
  auto finish = [&](std::string verdict, std::string status) {
    record.verdict = std::move(verdict);
    record.status = std::move(status);
    record.reply = reply_text(decision);
    record.delay = std::chrono::steady_clock::now() - started;
    log_.message(record);
    metrics_.message(record.verdict, record.codes, record.delay);
  };
  auto accept = [&](std::string_view verdict, const std::string& message_id) {
    decision.kind = milter::Decision::Kind::accept;
    if (settings_.milter.verdict_header)
      decision.add_header = milter::Header{
          "X-Galguard-Verdict", fmt::format("{} (galguard {})", verdict, settings_.hostname)};
    deliveries_.record(
        {message.recipients, quarantine::unix_now(), message_id.empty() ? record.id : message_id},
        record.id);
  };

  const std::shared_ptr<const Rulebook> rulebook = directory_.current();
  const rules::Envelope judged{message.sender, message.recipients};
  const Decision outcome =
      co_await decide_async({judged, raw, message.too_big}, rulebook.get(), settings_.fail_open,
                            blocking_, settings_.attachments);
  const Judgement& judgement = outcome.judgement;
  record.codes = judgement.codes();
  record.findings = judgement.findings_by_recipient();
  const std::string verdict(outcome.verdict());

  switch (outcome.kind) {
    case Decision::Kind::pass:
    case Decision::Kind::unchecked:
      if (outcome.kind == Decision::Kind::unchecked)
        log_.warning(fmt::format(
            "{}: accepted unchecked: directory not loaded and fail_open is set", record.id));
      accept(verdict, judgement.message_id);
      finish(verdict, "accepted");
      co_return decision;
    case Decision::Kind::tempfail:
      decision = reply_decision(milter::Decision::Kind::tempfail, outcome.reply);
      finish(verdict, "deferred");
      co_return decision;
    case Decision::Kind::reject:
      decision = reply_decision(milter::Decision::Kind::refuse, outcome.reply);
      finish(verdict, "bounced");
      co_return decision;
    case Decision::Kind::hold:
      break;
  }

  quarantine::HeldMessage held =
      held_message(judgement, record.id, std::move(raw),
                   {message.sender, message.recipients, client.helo, client.address, client.name},
                   quarantine::unix_now());
  try {
    record.id = co_await offload(blocking_, [&] { return store_.hold(std::move(held)); });
  } catch (const std::exception& e) {
    // Not stored, so not taken: the MTA keeps the message and the sender may try again.
    log_.error(fmt::format("{}: quarantine store failed: {}", record.id, e.what()));
    decision = coded(milter::Decision::Kind::tempfail, 451, "4.3.0",
                     "Error: could not store the message for review; try again later");
    finish("quarantine", "deferred");
    co_return decision;
  }
  if (settings_.milter.on_hold == config::MilterSettings::OnHold::discard) {
    decision.kind = milter::Decision::Kind::discard;
  } else {
    decision = refusal_decision(judgement, record.id);
  }
  finish("quarantine", "held");
  co_return decision;
}

}  // namespace galguard::server
