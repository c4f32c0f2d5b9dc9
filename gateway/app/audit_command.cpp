// galguard audit [--config FILE] --directory SRC --policy FILE [--json|--html]
//                [--previous REPORT] [--exposure [--days N]]
// Exit 0 clean, 1 findings, 2 error.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "directory/audit/auditor.hpp"
#include "directory/audit/report_json.hpp"
#include "gateway/app/commands.hpp"
#include "gateway/app/exposure.hpp"
#include "gateway/app/inputs.hpp"
#include "gateway/app/options.hpp"
#include "gateway/quarantine/open_store.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::app {

int run_audit(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help");
  add_judge_options(options,
                    "directory source: a .ldif, .json (Graph export) or .csv (Get-Recipient) "
                    "file, or a server: ldap://HOST/BASE, ldaps://..., graph://TENANT; give it "
                    "several times to compare sources (hidden in one, shown in another)");
  options.add_options()(
      "exposure", po::bool_switch(),
      "also count, for every flagged entry, the messages the gateway already relayed to its "
      "addresses (from the delivery log in the config's quarantine database)")(
      "days", po::value<int>()->default_value(30), "how far back --exposure looks")(
      "json", po::bool_switch(), "print the report as JSON (keep it for --previous)")(
      "html", po::bool_switch(), "print the report as a self-contained HTML page")(
      "previous", po::value<std::string>(),
      "an earlier `audit --json` report: mark new findings, list resolved ones, report "
      "entries whose name or address changed");
  auto parsed = parse_options(
      "usage: galguard audit [--config FILE] --directory SRC --policy FILE [--json|--html]\n"
      "                      [--previous REPORT] [--exposure [--days N]]\n"
      "Audits the directory itself: role names on foreign mailboxes, duplicate and look-alike "
      "names, hidden-entry mismatches, changes since the last audit.\n"
      "Exit status: 0 clean, 1 findings, 2 error.",
      options, {}, args, {});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;

  const JudgeInputs inputs = judge_inputs(vars);
  const int days = vars["days"].as<int>();
  if (days < 1 || days > 3650) throw po::error("--days must be between 1 and 3650");
  if (vars["exposure"].as<bool>() && vars["html"].as<bool>())
    throw po::error("--exposure and --html cannot be combined");
  auto policy = load_policy_file(inputs.policy);
  std::optional<directory::AuditReport> previous;
  if (vars.count("previous") != 0U) {
    const auto& path = vars["previous"].as<std::string>();
    previous = directory::report_from_json(read_input(path), path);
  }
  auto snapshot = load_directory(inputs.sources, inputs.config);
  directory::AuditReport report = directory::audit(*snapshot, policy);
  if (previous) directory::apply_drift(report, *previous);

  std::optional<std::vector<EntryExposure>> exposure;
  if (vars["exposure"].as<bool>()) {
    // Opening would create an empty database: say instead that there is none to count from.
    if (!quarantine::is_database_url(inputs.config.database) &&
        !std::filesystem::exists(inputs.config.database))
      throw rules::InputError(inputs.config.database,
                              "no delivery log here: --exposure counts what `galguard serve` "
                              "with this config has relayed (give its --config)");
    const auto deliveries = quarantine::open_delivery_log(inputs.config.database);
    exposure = exposure_of(report, *snapshot, *deliveries,
                           quarantine::unix_now() - std::int64_t{days} * 86400);
  }

  if (vars["json"].as<bool>() && vars["html"].as<bool>())
    throw po::error("--json and --html cannot be combined");
  if (vars["json"].as<bool>() && exposure) {
    // One JSON object still: the report with an "exposure" member.
    std::ostringstream text;
    directory::write_json(text, report);
    auto json = nlohmann::json::parse(text.str());
    json["exposure"] = exposure_json(*exposure, days);
    std::cout << json.dump() << '\n';
  } else if (vars["json"].as<bool>()) {
    directory::write_json(std::cout, report);
  } else if (vars["html"].as<bool>()) {
    directory::write_html(std::cout, report);
  } else {
    std::cout << directory::to_text(report);
    if (exposure) std::cout << exposure_text(*exposure, days);
  }
  return report.findings.empty() ? 0 : 1;
}

}  // namespace galguard::app
