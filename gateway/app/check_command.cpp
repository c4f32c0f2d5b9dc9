// galguard check [--config FILE] --directory SRC --policy FILE [--json] MESSAGE.eml|-
// Exit 0 pass, 1 held (quarantine or reject), 2 error.
#include <fmt/format.h>

#include <iostream>

#include "gateway/app/commands.hpp"
#include "gateway/app/inputs.hpp"
#include "gateway/app/options.hpp"
#include "gateway/verdict/verdict_output.hpp"
#include "rules/checks/verdict.hpp"
#include "rules/message/message_view.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::app {

int run_check(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help");
  add_judge_options(options,
                    "directory source: a .ldif, .json (Graph export) or .csv (Get-Recipient) "
                    "file, or a server: ldap://HOST/BASE, ldaps://..., graph://TENANT; may be "
                    "given several times");
  options.add_options()("json", po::bool_switch(), "print the verdict as one JSON object")(
      "message", po::value<std::string>(), "the message (RFC 5322 file, or - for stdin)");
  auto parsed = parse_options(
      "usage: galguard check [--config FILE] --directory SRC --policy FILE [--json] "
      "MESSAGE.eml|-\n"
      "Judges one message against the directory and policy.\n"
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
  rules::Verdict verdict = rules::evaluate(message, *directory, policy);

  if (vars["json"].as<bool>())
    std::cout << verdict::to_json(verdict).dump() << '\n';
  else
    std::cout << verdict::to_text(verdict, path == "-" ? "stdin" : path);
  return verdict.action == rules::Action::pass ? 0 : 1;
}

}  // namespace galguard::app
