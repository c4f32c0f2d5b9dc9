#include "gateway/server/gate.hpp"

#include <fmt/format.h>

#include <chrono>

#include "gateway/quarantine/message_id.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "gateway/server/decision.hpp"
#include "gateway/server/judgement.hpp"
#include "gateway/server/offload.hpp"

namespace galguard::server {
namespace {

std::string reply_text(const smtp::Reply& reply) {
  std::string text = std::to_string(reply.code);
  if (!reply.enhanced.empty()) text += " " + reply.enhanced;
  if (!reply.lines.empty()) text += " " + reply.lines.front();
  return text;
}

}  // namespace

Gate::Gate(GateSettings settings, DirectoryState& directory, quarantine::QuarantineStore& store,
           DeliveryRecorder& deliveries, relay::Client& relay, Log& log,
           boost::asio::thread_pool& blocking, metrics::GatewayMetrics& metrics)
    : settings_(settings),
      directory_(directory),
      store_(store),
      deliveries_(deliveries),
      relay_(relay),
      log_(log),
      blocking_(blocking),
      metrics_(metrics) {}

boost::asio::awaitable<smtp::Reply> Gate::on_message(const smtp::Envelope& envelope,
                                                     std::string_view message, const Peer& peer) {
  const auto started = std::chrono::steady_clock::now();
  const auto& xf = envelope.xforward;
  // XFORWARD names the client that sent the mail to Postfix; the TCP peer is Postfix itself.
  const std::string client_addr = xf.addr.value_or(peer.addr);
  const std::string client_name = xf.addr ? xf.name.value_or("") : peer.name;

  MessageRecord record;
  record.id = quarantine::new_message_id();
  record.client = client_label(client_name, client_addr);
  record.from = envelope.sender;
  record.recipients = envelope.recipients;

  smtp::Reply reply;
  auto finish = [&](std::string verdict, std::string status) {
    record.verdict = std::move(verdict);
    record.status = std::move(status);
    record.reply = reply_text(reply);
    record.delay = std::chrono::steady_clock::now() - started;
    log_.message(record);
    metrics_.message(record.verdict, record.codes, record.delay);
  };
  auto log_delivery = [&](const std::string& message_id) {
    deliveries_.record(
        {envelope.recipients, quarantine::unix_now(), message_id.empty() ? record.id : message_id},
        record.id);
  };
  auto relay_message = [&]() -> boost::asio::awaitable<std::string> {
    // A named transaction, not a braced temporary in the co_await: GCC 12 destroys such
    // temporaries twice in coroutines.
    relay::Transaction transaction{envelope.sender, envelope.recipients, envelope.parameters,
                                   envelope.xforward, message};
    const auto relay_started = std::chrono::steady_clock::now();
    relay::Outcome outcome = co_await relay_.send(std::move(transaction));
    record.next_hop_time = std::chrono::steady_clock::now() - relay_started;
    record.relay = outcome.relay;
    reply = std::move(outcome.reply);
    switch (outcome.kind) {
      case relay::Outcome::Kind::accepted:
        co_return "sent";
      case relay::Outcome::Kind::refused:
        metrics_.relay_error(reply.code >= 500 ? metrics::RelayError::refused_5xx
                                               : metrics::RelayError::refused_4xx);
        co_return reply.code >= 500 ? "bounced" : "deferred";
      case relay::Outcome::Kind::unavailable:
        metrics_.relay_error(metrics::RelayError::unavailable);
        break;
    }
    co_return "deferred";
  };

  const std::shared_ptr<const Rulebook> rulebook = directory_.current();
  const rules::Envelope judged{envelope.sender, envelope.recipients};
  const Decision decision = co_await decide_async(
      {judged, message}, rulebook.get(), settings_.fail_open, blocking_, settings_.attachments);
  const Judgement& judgement = decision.judgement;
  record.codes = judgement.codes();
  record.findings = judgement.findings_by_recipient();
  const std::string verdict(decision.verdict());

  switch (decision.kind) {
    case Decision::Kind::pass:
    case Decision::Kind::unchecked: {
      if (decision.kind == Decision::Kind::unchecked)
        log_.warning(fmt::format("{}: relayed unchecked: directory not loaded and fail_open is set",
                                 record.id));
      const std::string status = co_await relay_message();
      if (status == "sent") log_delivery(judgement.message_id);
      finish(verdict, status);
      co_return reply;
    }
    case Decision::Kind::tempfail:
    case Decision::Kind::reject:
      record.relay = "none";
      reply = decision.reply;
      finish(verdict, decision.kind == Decision::Kind::reject ? "bounced" : "deferred");
      co_return reply;
    case Decision::Kind::hold:
      break;
  }

  quarantine::HeldMessage held =
      held_message(judgement, record.id, std::string(message),
                   {envelope.sender, envelope.recipients, xf.helo.value_or(envelope.helo),
                    client_addr, client_name},
                   quarantine::unix_now());
  record.relay = "quarantine";
  try {
    record.id = co_await offload(blocking_, [&] { return store_.hold(std::move(held)); });
  } catch (const std::exception& e) {
    // Not stored, so not acknowledged: the MTA keeps the message and tries again.
    log_.error(fmt::format("{}: quarantine store failed: {}", record.id, e.what()));
    reply = smtp::standard(smtp::Standard::local_error,
                           "Error: could not store the message for review; try again later");
    finish("quarantine", "deferred");
    co_return reply;
  }
  reply = settings_.mode == config::Mode::after_queue
              ? smtp::standard(smtp::Standard::ok, "Ok: held for review as " + record.id)
              : refusal(judgement, record.id);
  finish("quarantine", "held");
  co_return reply;
}

}  // namespace galguard::server
