// galguard quarantine show ID: what the DPO needs to decide (envelope, client, verdict and
// findings, personal-data counts, state, the message's action log), without the body.
// --raw prints the original bytes and nothing else, after logging "viewed-body" with the
// actor: reading personal data is itself an action the DPO must be able to account for.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "gateway/app/commands.hpp"
#include "gateway/app/quarantine_actions.hpp"

namespace galguard::app::quarantine_cli {
namespace {

using nlohmann::json;
using quarantine::ActionLogEntry;
using quarantine::HeldMessage;

constexpr const char* kUsage =
    "usage: galguard quarantine show ID [--config FILE] [--json] [--raw [--actor NAME] "
    "[--reason R]]\n"
    "Shows one quarantined message: envelope, client, verdict and findings, personal-data "
    "counts, state and its action log. --raw prints the original message bytes instead, and "
    "records that in the action log (\"viewed-body\", with the actor).\n"
    "Exit status: 0 shown, 2 error (unknown id, unreadable database).";

// A field of the stored verdict, or "" when the stored JSON does not have it as a string.
std::string text_of(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string angle(const std::string& address) {
  return "<" + printable(address) + ">";
}

std::string recipients(const std::vector<std::string>& rcpt_to) {
  std::string out;
  for (const std::string& r : rcpt_to)
    out += (out.empty() ? "" : ", ") + angle(r);
  return out;
}

std::string client(const quarantine::Envelope& e) {
  std::string out = e.client_name.empty() ? "unknown" : printable(e.client_name);
  if (!e.client_addr.empty()) out += " [" + printable(e.client_addr) + "]";
  if (!e.helo.empty()) out += ", helo " + printable(e.helo);
  return out;
}

std::string personal_data(const quarantine::PersonalDataSummary& pd) {
  std::string out =
      fmt::format("{} identity number{}", pd.identity_numbers, pd.identity_numbers == 1 ? "" : "s");
  out += fmt::format("; categories: {}", pd.categories.empty()
                                             ? "none"
                                             : fmt::format("{}", fmt::join(pd.categories, ", ")));
  return out;
}

void print_verdict(const json& verdict) {
  if (!verdict.is_object()) {
    fmt::print("verdict:        (the stored verdict cannot be read)\n");
    return;
  }
  std::string line = printable(text_of(verdict, "verdict"));
  if (const std::string severity = text_of(verdict, "severity");
      !severity.empty() && severity != "none")
    line += fmt::format(" (severity {})", printable(severity));
  fmt::print("verdict:        {}\n", line);
  const auto findings = verdict.find("findings");
  if (findings == verdict.end() || !findings->is_array() || findings->empty()) return;
  fmt::print("findings:\n");
  for (const json& f : *findings)
    fmt::print("  {:<6} {} [{}] {}\n", printable(text_of(f, "severity")),
               printable(text_of(f, "code")), printable(text_of(f, "header")),
               printable(text_of(f, "explanation")));
}

void print_text(const HeldMessage& m, const json& verdict, const std::vector<ActionLogEntry>& log) {
  fmt::print("id:             {}\n", printable(m.id));
  fmt::print("state:          {}\n", quarantine::to_string(m.state));
  fmt::print("received:       {}\n", iso_time(m.received_at));
  fmt::print("from:           {}\n", angle(m.envelope.mail_from));
  fmt::print("to:             {}\n", recipients(m.envelope.rcpt_to));
  fmt::print("client:         {}\n", client(m.envelope));
  fmt::print("size:           {} bytes\n", m.raw.size());
  fmt::print("codes:          {}\n", printable(fmt::format("{}", fmt::join(m.codes, ", "))));
  print_verdict(verdict);
  fmt::print("personal data:  {}\n", printable(personal_data(m.personal_data)));
  fmt::print("action log:\n");
  for (const ActionLogEntry& e : log)
    fmt::print("  #{:<5} {}  {:<12} {}{}\n", e.seq, iso_time(e.at), printable(e.action),
               printable(e.actor), e.reason.empty() ? "" : ": " + printable(e.reason));
}

json to_json(const HeldMessage& m, const json& verdict, const std::vector<ActionLogEntry>& log) {
  json actions = json::array();
  for (const ActionLogEntry& e : log)
    actions.push_back({{"seq", e.seq},
                       {"at", iso_time(e.at)},
                       {"actor", e.actor},
                       {"action", e.action},
                       {"reason", e.reason}});
  return {{"id", m.id},
          {"received_at", iso_time(m.received_at)},
          {"state", quarantine::to_string(m.state)},
          {"envelope",
           {{"mail_from", m.envelope.mail_from},
            {"rcpt_to", m.envelope.rcpt_to},
            {"helo", m.envelope.helo},
            {"client_addr", m.envelope.client_addr},
            {"client_name", m.envelope.client_name}}},
          {"size", m.raw.size()},
          {"codes", m.codes},
          {"verdict", verdict.is_object() ? verdict : json(nullptr)},
          {"personal_data",
           {{"identity_numbers", m.personal_data.identity_numbers},
            {"categories", m.personal_data.categories}}},
          {"actions", std::move(actions)}};
}

int print_raw(quarantine::QuarantineStore& store, const HeldMessage& m,
              const po::variables_map& vars) {
  if (m.state == quarantine::State::expired)
    throw std::runtime_error(fmt::format(
        "message {} expired; its bytes were erased at the end of the retention period", m.id));
  if (m.state == quarantine::State::deleted)
    throw std::runtime_error(
        fmt::format("message {} was deleted; its body is no longer shown", m.id));
  std::string why;
  if (vars.count("reason") != 0U) why = reason(vars);
  // Logged before a byte is shown: a failed log write means nothing was read.
  store.log(unix_now(), actor(vars), "viewed-body", m.id, why);
  if (std::fwrite(m.raw.data(), 1, m.raw.size(), stdout) != m.raw.size() ||
      std::fflush(stdout) != 0)
    throw std::runtime_error("cannot write the message to standard output");
  return 0;
}

}  // namespace

int run_show(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("id", po::value<std::string>(),
                                                    "the message id (from list)")(
      "json", po::bool_switch(), "print one JSON object (the verdict as check --json prints it)")(
      "raw", po::bool_switch(),
      "print the original message bytes only; logged as viewed-body with the actor")(
      "reason", po::value<std::string>(), "with --raw: why the body is read, for the action log");
  add_actor_option(options);
  add_config_option(options);
  auto parsed = parse_options(kUsage, options, one_positional("id"), args, {"id"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;
  if (vars["json"].as<bool>() && vars["raw"].as<bool>())
    throw po::error("--json and --raw cannot be combined");

  const config::Config config = load_config(vars);
  const auto store = open_store(config);
  const HeldMessage m = require_message(*store, vars["id"].as<std::string>());
  if (vars["raw"].as<bool>()) return print_raw(*store, m, vars);

  const json verdict = json::parse(m.verdict_json, nullptr, false);
  const std::vector<ActionLogEntry> log = store->action_log(m.id);
  if (vars["json"].as<bool>())
    std::cout << to_json(m, verdict, log).dump(-1, ' ', false, json::error_handler_t::replace)
              << '\n';
  else
    print_text(m, verdict, log);
  return 0;
}

}  // namespace galguard::app::quarantine_cli
