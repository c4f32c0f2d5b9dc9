#include "gateway/relay/transaction.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "gateway/relay/commands.hpp"
#include "gateway/relay/dot_stuff.hpp"
#include "gateway/relay/outcome.hpp"

namespace galguard::relay {
namespace {

namespace asio = boost::asio;
using Milliseconds = std::chrono::milliseconds;

struct Step {
  Phase phase;
  std::string command;
  Milliseconds timeout;
};

std::vector<Step> envelope_steps(const Settings& settings, const Transaction& transaction,
                                 const Extensions& extensions) {
  std::vector<Step> steps;
  if (extensions.xforward)
    for (std::string& line :
         xforward_commands(transaction.xforward, extensions.xforward_attributes))
      steps.push_back({Phase::xforward, std::move(line), settings.timeouts.command});
  steps.push_back({Phase::mail, mail_command(transaction, extensions), settings.timeouts.command});
  for (const std::string& recipient : transaction.recipients)
    steps.push_back({Phase::rcpt, rcpt_command(recipient), settings.timeouts.command});
  steps.push_back({Phase::data, "DATA\r\n", settings.timeouts.data_init});
  return steps;
}

// What the envelope replies add up to.
struct Verdict {
  std::optional<smtp::Reply> refusal;  // the reply to pass on as refused
  bool data_open = false;              // DATA got its 354: the hop now reads content
  std::optional<Failure> unexpected;   // a reply of a class that command cannot get
  Phase unexpected_phase = Phase::mail;
};

Verdict judge(const std::vector<Step>& steps, const std::vector<std::optional<smtp::Reply>>& got) {
  Verdict verdict;
  std::optional<smtp::Reply> mail_refusal, rcpt_tempfail, rcpt_reject, data_refusal;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!got[i]) continue;
    const smtp::Reply& reply = *got[i];
    const int cls = reply.code / 100;
    const Phase phase = steps[i].phase;
    const bool expected = phase == Phase::data ? (reply.code == 354 || cls == 4 || cls == 5)
                                               : (cls == 2 || cls == 4 || cls == 5);
    if (!expected && !verdict.unexpected) {
      verdict.unexpected =
          Failure{Failure::Kind::malformed, fmt::format("unexpected reply {}", reply.one_line())};
      verdict.unexpected_phase = phase;
    }
    switch (phase) {
      case Phase::xforward:
        // Only the hop's log line depends on XFORWARD: its refusal never costs the mail.
        break;
      case Phase::mail:
        if (cls != 2 && !mail_refusal) mail_refusal = reply;
        break;
      case Phase::rcpt:
        if (cls == 4 && !rcpt_tempfail) rcpt_tempfail = reply;
        if (cls == 5 && !rcpt_reject) rcpt_reject = reply;
        break;
      case Phase::data:
        if (reply.code == 354) {
          verdict.data_open = true;
        } else {
          data_refusal = reply;
        }
        break;
      default:
        break;
    }
  }
  // One Outcome stands for every recipient. When some are tempfailed and others rejected, the
  // 4xx wins: the MTA in front retries the whole message and learns about the 5xx on a later
  // try, while a 5xx now would bounce the message for the tempfailed recipients too, for good.
  if (mail_refusal) {
    verdict.refusal = mail_refusal;
  } else if (rcpt_tempfail) {
    verdict.refusal = rcpt_tempfail;
  } else if (rcpt_reject) {
    verdict.refusal = rcpt_reject;
  } else if (data_refusal) {
    verdict.refusal = data_refusal;
  }
  return verdict;
}

class Exchange {
 public:
  Exchange(Connection& connection, const Settings& settings)
      : connection_(connection), settings_(settings) {}

  // Failure handling shared by every step: our 451, and whether a retry is safe.
  Attempt failed(Phase phase, const Failure& failure) const {
    Attempt attempt;
    attempt.outcome = unavailable(settings_, phase, failure);
    attempt.dead_before_reply = answered_ == 0 && failure.kind == Failure::Kind::lost;
    connection_.close();
    return attempt;
  }
  Attempt closing(Phase phase, const smtp::Reply& reply) const {
    Attempt attempt;
    attempt.outcome = hop_closing(settings_, phase, reply);
    attempt.dead_before_reply = answered_ == 1;  // the 421 was the first word of this transaction
    connection_.close();
    return attempt;
  }
  void answered() { ++answered_; }

 private:
  Connection& connection_;
  const Settings& settings_;
  std::size_t answered_ = 0;
};

}  // namespace

asio::awaitable<Attempt> run_transaction(Connection& connection, const Settings& settings,
                                         const Transaction& transaction) {
  // Refusals decided here leave the connection clean for the next transaction.
  Attempt local;
  local.reusable = true;
  if (transaction.recipients.empty()) {
    local.outcome = refused(
        settings, smtp::standard(smtp::Standard::bad_sequence, "Error: no recipients to relay to"));
    co_return local;
  }
  bool unsafe = unsafe_address(transaction.sender);
  for (const std::string& recipient : transaction.recipients)
    unsafe = unsafe || unsafe_address(recipient);
  if (unsafe) {
    local.outcome =
        refused(settings, smtp::standard(smtp::Standard::syntax, "Error: line break in address"));
    co_return local;
  }
  const Extensions& extensions = connection.extensions;
  if (needs_smtputf8(transaction) && !extensions.smtputf8) {
    // RFC 6531 §3.2: without SMTPUTF8 at the next hop the mail cannot be delivered as it is;
    // 5.6.7 is the RFC 6531 status for it, and the one Postfix bounces with.
    local.outcome =
        refused(settings,
                smtp::Reply{550,
                            "5.6.7",
                            {fmt::format("SMTPUTF8 is required, but was not offered by next hop {}",
                                         settings.next_hop.text())}});
    co_return local;
  }

  Exchange exchange(connection, settings);
  const std::vector<Step> steps = envelope_steps(settings, transaction, extensions);
  std::vector<std::optional<smtp::Reply>> got(steps.size());

  if (extensions.pipelining) {
    // RFC 2920: the whole envelope in one write, then the replies in order.
    for (std::size_t first = 0; first < steps.size(); first += kPipelineGroup) {
      const std::size_t end = std::min(steps.size(), first + kPipelineGroup);
      std::string batch;
      for (std::size_t i = first; i < end; ++i)
        batch += steps[i].command;
      const Failure failure = co_await connection.write(batch, settings.timeouts.command);
      if (!failure.ok()) co_return exchange.failed(steps[first].phase, failure);
      for (std::size_t i = first; i < end; ++i) {
        smtp::Reply reply;
        const Failure read = co_await connection.read_reply(reply, steps[i].timeout);
        if (!read.ok()) co_return exchange.failed(steps[i].phase, read);
        exchange.answered();
        if (reply.code == 421) co_return exchange.closing(steps[i].phase, reply);
        got[i] = std::move(reply);
      }
    }
  } else {
    bool rcpt_refused = false;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      // Without pipelining, stop as soon as the outcome is known: after a refused MAIL, and
      // before DATA when a recipient was refused (all recipients are still asked, so the
      // outcome is the same as with pipelining).
      if (steps[i].phase == Phase::data && rcpt_refused) break;
      Failure failure = co_await connection.write(steps[i].command, settings.timeouts.command);
      if (!failure.ok()) co_return exchange.failed(steps[i].phase, failure);
      smtp::Reply reply;
      failure = co_await connection.read_reply(reply, steps[i].timeout);
      if (!failure.ok()) co_return exchange.failed(steps[i].phase, failure);
      exchange.answered();
      if (reply.code == 421) co_return exchange.closing(steps[i].phase, reply);
      const bool positive = reply.code / 100 == 2;
      got[i] = std::move(reply);
      if (steps[i].phase == Phase::mail && !positive) break;
      if (steps[i].phase == Phase::rcpt && !positive) rcpt_refused = true;
    }
  }

  const Verdict verdict = judge(steps, got);
  if (verdict.unexpected) co_return exchange.failed(verdict.unexpected_phase, *verdict.unexpected);
  if (verdict.refusal) {
    Attempt attempt;
    attempt.outcome = refused(settings, *verdict.refusal);
    if (verdict.data_open) {
      // A pipelined DATA got its 354 although a recipient was refused. Whatever we send now is
      // content, and ending it would deliver to the others; closing makes the hop drop the
      // unfinished transaction (RFC 5321 §3.8).
      connection.close();
      co_return attempt;
    }
    Failure failure = co_await connection.write("RSET\r\n", settings.timeouts.command);
    smtp::Reply reply;
    if (failure.ok()) failure = co_await connection.read_reply(reply, settings.timeouts.command);
    attempt.reusable = failure.ok() && reply.code / 100 == 2;
    co_return attempt;
  }

  DotStuffer stuffer(transaction.message);
  std::string chunk;
  chunk.reserve(kContentChunk + 8);
  while (!stuffer.done()) {
    chunk.clear();
    stuffer.next(chunk, kContentChunk);
    const Failure failure = co_await connection.write(chunk, settings.timeouts.data_block);
    // A write that fails with the dot in it may still have delivered the message.
    if (!failure.ok())
      co_return exchange.failed(stuffer.done() ? Phase::end_of_data : Phase::content, failure);
  }

  smtp::Reply reply;
  const Failure failure = co_await connection.read_reply(reply, settings.timeouts.data_end);
  if (!failure.ok()) co_return exchange.failed(Phase::end_of_data, failure);
  if (reply.code == 421) co_return exchange.closing(Phase::end_of_data, reply);
  const int cls = reply.code / 100;
  if (cls != 2 && cls != 4 && cls != 5)
    co_return exchange.failed(
        Phase::end_of_data,
        Failure{Failure::Kind::malformed, fmt::format("unexpected reply {}", reply.one_line())});
  Attempt attempt;
  attempt.outcome = cls == 2 ? accepted(settings, std::move(reply)) : refused(settings, reply);
  attempt.reusable = true;
  co_return attempt;
}

}  // namespace galguard::relay
