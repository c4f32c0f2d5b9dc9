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
#include "gateway/review/decisions.hpp"

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
    "With four-eyes release ([review] four_eyes) a message with special-category data or many "
    "identity numbers needs two people: the first release only records the request, a second "
    "person's release sends it.\n"
    "Exit status: 0 released or requested, 2 error (not held, relay refused or down, bad "
    "reason, approving one's own request).";

constexpr const char* kDeleteUsage =
    "usage: galguard quarantine delete ID --reason R [--actor NAME] [--config FILE]\n"
    "Marks a held message deleted and erases its bytes at once (the personal data goes); the "
    "envelope, the findings and the action log stay, so what was held and why can still be "
    "shown. A deleted message can no longer be released.\n"
    "Exit status: 0 deleted, 2 error (not held, unknown id, no reason).";

constexpr const char* kClassifyUsage =
    "usage: galguard quarantine incident ID --reason R [--actor NAME] [--config FILE]\n"
    "Marks a held message as a personal-data incident: records the decision and creates an "
    "incident record prefilled from the message (see `galguard incidents show`), and prints its "
    "id. The message keeps its state; release or delete it separately.\n"
    "Exit status: 0 created, 2 error.";

constexpr const char* kNotIncidentUsage =
    "usage: galguard quarantine not-incident ID --reason R [--actor NAME] [--config FILE]\n"
    "Records that a held message is not a personal-data incident, and why.\n"
    "Exit status: 0 recorded, 2 error.";

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
  auto parsed =
      parse_options(usage, decision_options(), one_positional("id"), args, {"id", "reason"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;
  Decision d{reason(vars), actor(vars), load_config(vars), nullptr, {}};
  d.store = open_store(d.config);
  d.message = require_message(*d.store, vars["id"].as<std::string>());
  return d;
}

// The decision's own words, safe for a terminal: a relay's reply comes from the network.
template <typename Decide>
auto decide(Decide decide) {
  try {
    return decide();
  } catch (const review::DecisionError& e) {
    throw std::runtime_error(printable(e.what()));
  }
}

}  // namespace

int run_release(const std::vector<std::string>& args) {
  auto started = begin_decision(kReleaseUsage, args);
  if (auto* exit_code = std::get_if<int>(&started)) return *exit_code;
  auto& [why, who, config, store, m] = std::get<Decision>(started);
  const review::ReleaseOutcome outcome =
      decide([&] { return review::release(*store, config, m.id, who, why, unix_now()); });
  if (outcome.kind == review::ReleaseOutcome::Kind::requested) {
    fmt::print(
        "release of {} requested: it needs a second DPO's approval (four-eyes); another "
        "person approves with the same command\n",
        m.id);
    return 0;
  }
  fmt::print("released {} to {}: {}\n", m.id, outcome.relay, printable(outcome.reply));
  return 0;
}

int run_delete(const std::vector<std::string>& args) {
  auto started = begin_decision(kDeleteUsage, args);
  if (auto* exit_code = std::get_if<int>(&started)) return *exit_code;
  auto& [why, who, config, store, m] = std::get<Decision>(started);
  decide([&] { review::delete_message(*store, m.id, who, why, unix_now()); });
  fmt::print("deleted {}\n", m.id);
  return 0;
}

int run_classify(const std::vector<std::string>& args) {
  auto started = begin_decision(kClassifyUsage, args);
  if (auto* exit_code = std::get_if<int>(&started)) return *exit_code;
  auto& [why, who, config, store, m] = std::get<Decision>(started);
  fmt::print("{}\n", decide([&] {
               return review::mark_incident(*store, config, m.id, who, why, unix_now());
             }));
  return 0;
}

int run_not_incident(const std::vector<std::string>& args) {
  auto started = begin_decision(kNotIncidentUsage, args);
  if (auto* exit_code = std::get_if<int>(&started)) return *exit_code;
  auto& [why, who, config, store, m] = std::get<Decision>(started);
  decide([&] { review::mark_not_incident(*store, m.id, who, why, unix_now()); });
  fmt::print("{} marked as not an incident\n", m.id);
  return 0;
}

}  // namespace galguard::app::quarantine_cli
