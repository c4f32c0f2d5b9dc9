#include "gateway/server/decision.hpp"

#include <optional>

#include "gateway/server/offload.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::server {
namespace {

// Parsing a message this large takes long enough to stall the other sessions.
constexpr std::size_t kOffloadParseBytes = 256 * 1024;

Decision::Kind kind_of(rules::Action action) {
  switch (action) {
    case rules::Action::pass:
      return Decision::Kind::pass;
    case rules::Action::reject:
      return Decision::Kind::reject;
    case rules::Action::quarantine:
      break;
  }
  return Decision::Kind::hold;
}

// Too big, or no rulebook: decided without reading the message.
std::optional<Decision> before_judging(const DecisionInput& input, const Rulebook* rulebook,
                                       bool fail_open) {
  Decision decision;
  if (input.too_big) {
    decision.kind = Decision::Kind::reject;
    decision.reply =
        smtp::standard(smtp::Standard::message_too_big, "Error: message size exceeds fixed limit");
    return decision;
  }
  if (rulebook == nullptr) {
    decision.kind = fail_open ? Decision::Kind::unchecked : Decision::Kind::tempfail;
    if (!fail_open)
      decision.reply = smtp::standard(smtp::Standard::policy_tempfail,
                                      "Directory not loaded yet; try again later");
    return decision;
  }
  return std::nullopt;
}

Decision decision_of(Judgement judgement) {
  Decision decision;
  decision.judgement = std::move(judgement);
  decision.kind = kind_of(decision.judgement.action);
  if (decision.kind == Decision::Kind::reject) decision.reply = refusal(decision.judgement, "");
  return decision;
}

}  // namespace

std::string_view Decision::verdict() const {
  switch (kind) {
    case Kind::pass:
      return "pass";
    case Kind::hold:
      return "quarantine";
    case Kind::reject:
      return "reject";
    case Kind::tempfail:
      return "tempfail";
    case Kind::unchecked:
      return "unchecked";
  }
  return "tempfail";
}

Decision decide(const DecisionInput& input, const Rulebook* rulebook, bool fail_open,
                const extract::Sandbox* attachments) {
  if (auto early = before_judging(input, rulebook, fail_open)) return std::move(*early);
  return decision_of(judge(*rulebook, input.envelope, input.message, attachments));
}

boost::asio::awaitable<Decision> decide_async(const DecisionInput& input, const Rulebook* rulebook,
                                              bool fail_open, boost::asio::thread_pool& blocking,
                                              const extract::Sandbox* attachments) {
  if (auto early = before_judging(input, rulebook, fail_open)) co_return std::move(*early);
  if (input.message.size() > kOffloadParseBytes)
    co_return co_await offload(blocking,
                               [&] { return decide(input, rulebook, fail_open, attachments); });
  rules::MessageView view;
  try {
    view = rules::parse_message(input.message);
  } catch (const rules::InputError&) {
    // judge() says the same of the same bytes, in its words.
    co_return decide(input, rulebook, fail_open, attachments);
  }
  if (needs_attachment_reader(view, attachments)) {
    co_return co_await offload(blocking, [&] {
      return decision_of(judge(*rulebook, input.envelope, std::move(view), attachments));
    });
  }
  co_return decision_of(judge(*rulebook, input.envelope, std::move(view), attachments));
}

}  // namespace galguard::server
