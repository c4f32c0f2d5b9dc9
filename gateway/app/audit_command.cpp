// galguard audit --directory SRC --policy FILE [--json] [--previous REPORT]
// Exit 0 clean, 1 findings, 2 error.
#include <fmt/format.h>

#include <iostream>

#include "directory/audit/auditor.hpp"
#include "directory/audit/report_json.hpp"
#include "gateway/app/commands.hpp"
#include "gateway/app/inputs.hpp"
#include "gateway/app/options.hpp"

namespace galguard::app {

int run_audit(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "directory,d", po::value<std::vector<std::string>>()->composing(),
      "directory source: a .ldif, .json (Graph export) or .csv (Get-Recipient) file; give it "
      "several times to compare sources (hidden in one, shown in another)")(
      "policy,p", po::value<std::string>(), "policy file (TOML)")(
      "json", po::bool_switch(), "print the report as JSON (keep it for --previous)")(
      "html", po::bool_switch(), "print the report as a self-contained HTML page")(
      "previous", po::value<std::string>(),
      "an earlier `audit --json` report: mark new findings, list resolved ones, report "
      "entries whose name or address changed");
  auto parsed = parse_options(
      "usage: galguard audit --directory SRC --policy FILE [--json|--html] [--previous REPORT]\n"
      "Audits the directory itself: role names on foreign mailboxes, duplicate and look-alike "
      "names, hidden-entry mismatches, changes since the last audit.\n"
      "Exit status: 0 clean, 1 findings, 2 error.",
      options, {}, args, {"directory", "policy"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;

  auto policy = load_policy_file(vars["policy"].as<std::string>());
  std::optional<directory::AuditReport> previous;
  if (vars.count("previous") != 0U) {
    const auto& path = vars["previous"].as<std::string>();
    previous = directory::report_from_json(read_input(path), path);
  }
  auto snapshot = load_directory(vars["directory"].as<std::vector<std::string>>());
  directory::AuditReport report = directory::audit(*snapshot, policy);
  if (previous) directory::apply_drift(report, *previous);

  if (vars["json"].as<bool>() && vars["html"].as<bool>())
    throw po::error("--json and --html cannot be combined");
  if (vars["json"].as<bool>())
    directory::write_json(std::cout, report);
  else if (vars["html"].as<bool>())
    directory::write_html(std::cout, report);
  else
    std::cout << directory::to_text(report);
  return report.findings.empty() ? 0 : 1;
}

}  // namespace galguard::app
