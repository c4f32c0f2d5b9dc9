// galguard check [--config FILE] --directory SRC --policy FILE [--mail-from ADDR] [--rcpt ADDR]...
//                [--no-attachments] [--json] MESSAGE.eml|-
// Exit 0 pass, 1 held (quarantine or reject), 2 error.
#include <fmt/format.h>

#include <iostream>

#include "directory/audit/flagged.hpp"
#include "gateway/app/commands.hpp"
#include "gateway/app/inputs.hpp"
#include "gateway/app/options.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "gateway/server/judgement.hpp"
#include "gateway/verdict/verdict_output.hpp"
#include "rules/checks/verdict.hpp"
#include "rules/message/message_view.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::app {

int run_check(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help");
  add_judge_options(options,
                    "directory source: a .ldif, .json (Graph export) or .csv (Get-Recipient) "
                    "file, or a server: ldap://HOST/BASE, ldaps://..., graph://TENANT; may be "
                    "given several times");
  options.add_options()("mail-from", po::value<std::string>()->value_name("ADDR"),
                        "the envelope sender (MAIL FROM), as the gateway would see it")(
      "rcpt", po::value<std::vector<std::string>>()->value_name("ADDR"),
      "an envelope recipient (RCPT TO), as the gateway would see it; repeatable. Recipients "
      "no header names (Bcc, aliases) get every check that needs no display name")(
      "no-attachments", po::bool_switch(),
      "do not read attachments (PDF, Office, archives, ...); they are listed as not read")(
      "json", po::bool_switch(), "print the verdict as one JSON object")(
      "message", po::value<std::string>(), "the message (RFC 5322 file, or - for stdin)");
  auto parsed = parse_options(
      "usage: galguard check [--config FILE] --directory SRC --policy FILE [--mail-from ADDR]\n"
      "                      [--rcpt ADDR]... [--no-attachments] [--json] MESSAGE.eml|-\n"
      "Judges one message against the directory and policy, as the gateway does: the header\n"
      "recipients, the envelope recipients given with --rcpt, and the addresses of entries the\n"
      "directory audit flags; its attachments are read for personal data by a child process\n"
      "under the [attachments] limits of the config.\n"
      "A server's password or secret is never an option: see [directory.ldap] password_env and\n"
      "[directory.graph] client_secret_env in samples/galguard.toml.\n"
      "Exit status: 0 pass, 1 held (quarantine or reject), 2 error.",
      options, one_positional("message"), args, {"message"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;

  const auto path = vars["message"].as<std::string>();
  const JudgeInputs inputs = judge_inputs(vars);
  auto policy = load_policy_file(inputs.policy);
  auto directory = load_directory(inputs.sources, inputs.config);
  std::string raw = read_input(path);
  rules::MessageView message;
  try {
    message = rules::parse_message(raw);
  } catch (const rules::InputError& e) {
    throw rules::InputError(path == "-" ? "stdin" : path, e.what());
  }
  rules::Envelope envelope;
  if (vars.count("mail-from")) envelope.mail_from = vars["mail-from"].as<std::string>();
  if (vars.count("rcpt")) envelope.recipients = vars["rcpt"].as<std::vector<std::string>>();
  for (const auto& rcpt : envelope.recipients)
    if (rules::normalize_address(rcpt).empty())
      throw rules::InputError("--rcpt", fmt::format("\"{}\" is not an address", rcpt));
  if (!vars["no-attachments"].as<bool>()) {
    if (const auto reader = server::attachment_reader(inputs.config))
      extract::read_attachments_sandboxed(message, *reader);
  }
  const rules::FlaggedAddresses flagged = directory::audit_flags(*directory, policy, inputs.policy);
  rules::Verdict verdict =
      rules::evaluate(message, envelope, {*directory, policy, flagged, quarantine::civil_today()});

  if (vars["json"].as<bool>())
    std::cout << verdict::to_json(verdict).dump() << '\n';
  else
    std::cout << verdict::to_text(verdict, path == "-" ? "stdin" : path);
  return verdict.action == rules::Action::pass ? 0 : 1;
}

}  // namespace galguard::app
