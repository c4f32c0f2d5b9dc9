// galguard quarantine release|delete ID --reason R: the two decisions on a held message. Each
// is one state change with its action-log row (who, when, why). Release re-injects first and
// records only after the release relay's 250, so a relay that is down leaves the message held
// and the log truthful.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>
#include <variant>

#include "gateway/app/commands.hpp"
#include "gateway/app/quarantine_actions.hpp"
#include "gateway/quarantine/transition_rules.hpp"
#include "gateway/relay/client.hpp"

namespace galguard::app::quarantine_cli {
namespace {

using quarantine::HeldMessage;
using quarantine::State;

constexpr const char* kReleaseUsage =
    "usage: galguard quarantine release ID --reason R [--actor NAME] [--config FILE]\n"
    "Re-injects a held message through the release relay ([release] relay in the config) with "
    "its original envelope and bytes, plus one trace field at the top:\n"
    "  X-Galguard-Released: held TIME as ID; released by ACTOR at TIME; reason: R\n"
    "(folded; a non-ASCII actor or reason is RFC 2047 encoded). The message becomes released "
    "only once the relay answers 250; when the relay refuses or is down it stays held.\n"
    "Exit status: 0 released, 2 error (not held, relay refused or down, bad reason).";

constexpr const char* kDeleteUsage =
    "usage: galguard quarantine delete ID --reason R [--actor NAME] [--config FILE]\n"
    "Marks a held message deleted and erases its bytes at once (the personal data goes); the "
    "envelope, the findings and the action log stay, so what was held and why can still be "
    "shown. A deleted message can no longer be released.\n"
    "Exit status: 0 deleted, 2 error (not held, unknown id, no reason).";

po::options_description decision_options() {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("id", po::value<std::string>(),
                                                    "the message id (from list)")(
      "reason", po::value<std::string>(),
      "why, in a sentence, for the action log (required; at most 900 bytes)");
  add_actor_option(options);
  add_config_option(options);
  return options;
}

po::positional_options_description id_position() {
  po::positional_options_description positional;
  positional.add("id", 1);
  return positional;
}

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

// "550 5.1.1 <x@example.org>: Recipient address rejected", the hop's words on one line.
// The relay's words come from the network: printable before they reach a terminal.
std::string one_line(const smtp::Reply& reply) {
  return printable(reply.one_line());
}

// What release and delete both start from: who decides, why, and the message they decide on.
struct Decision {
  std::string why;
  std::string who;
  config::Config config;
  std::unique_ptr<quarantine::QuarantineStore> store;
  HeldMessage message;
};

// The Decision, or the exit code when --help or a usage error ended the command.
std::variant<int, Decision> begin_decision(const char* usage,
                                           const std::vector<std::string>& args) {
  auto parsed = parse_options(usage, decision_options(), id_position(), args, {"id", "reason"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;
  Decision d{reason(vars), actor(vars), load_config(vars), nullptr, {}};
  d.store = open_store(d.config);
  d.message = require_message(*d.store, vars["id"].as<std::string>());
  return d;
}

}  // namespace

int run_release(const std::vector<std::string>& args) {
  auto started = begin_decision(kReleaseUsage, args);
  if (auto* exit_code = std::get_if<int>(&started)) return *exit_code;
  auto& [why, who, config, store, m] = std::get<Decision>(started);
  quarantine::check_transition(m.id, m.state, State::released);
  if (m.envelope.rcpt_to.empty())
    throw std::runtime_error(fmt::format("message {} has no recipients to release to", m.id));

  const std::int64_t now = unix_now();
  const std::string content = release_trace_field(m, who, now, why) + m.raw;
  relay::Transaction transaction;
  transaction.sender = m.envelope.mail_from;
  transaction.recipients = m.envelope.rcpt_to;
  transaction.parameters = parameters_for(m, content);
  transaction.message = content;
  const std::string relay = config.release.next_hop.text();
  const relay::Outcome outcome = relay::send_blocking(config.release, std::move(transaction));
  if (outcome.kind != relay::Outcome::Kind::accepted)
    throw std::runtime_error(
        fmt::format("release relay {} {}: {}; message {} stays held", relay,
                    outcome.kind == relay::Outcome::Kind::refused ? "refused" : "unavailable",
                    one_line(outcome.reply), m.id));

  try {
    store->transition(m.id, State::released, who, why, now);
  } catch (const std::exception& e) {
    // The mail has gone; say so, or the next person would release it a second time.
    throw std::runtime_error(
        fmt::format("release relay {} accepted message {} ({}), but recording the release "
                    "failed: {}",
                    relay, m.id, one_line(outcome.reply), e.what()));
  }
  fmt::print("released {} to {}: {}\n", m.id, relay, one_line(outcome.reply));
  return 0;
}

int run_delete(const std::vector<std::string>& args) {
  auto started = begin_decision(kDeleteUsage, args);
  if (auto* exit_code = std::get_if<int>(&started)) return *exit_code;
  auto& [why, who, config, store, m] = std::get<Decision>(started);
  store->transition(m.id, State::deleted, who, why, unix_now());
  fmt::print("deleted {}\n", m.id);
  return 0;
}

}  // namespace galguard::app::quarantine_cli
