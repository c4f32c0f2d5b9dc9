// galguard incidents list|show|export: the personal-data incident records (GDPR Art. 33/34)
// from the command line, for a DPO without the review UI or a script feeding a register of
// breaches. Read-only: records are created with `quarantine incident` and edited in the UI.
#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

#include "gateway/app/actions.hpp"
#include "gateway/app/commands.hpp"
#include "gateway/app/quarantine_actions.hpp"
#include "gateway/incidents/deadline.hpp"
#include "gateway/incidents/display_time.hpp"
#include "gateway/incidents/incident_export.hpp"

namespace galguard::app {
namespace {

using quarantine_cli::add_config_option;
using quarantine_cli::load_config;
using quarantine_cli::open_store;
using quarantine_cli::printable;

constexpr const char* kListUsage =
    "usage: galguard incidents list [--config FILE] [--json]\n"
    "Lists the incident records, newest first: id, status, when discovered, the 72-hour "
    "notification deadline (time left, overdue, or when notified) and what it came from.\n"
    "--json prints one JSON array of the full records, each with its \"deadline\".\n"
    "Exit status: 0 listed (also when there are none), 2 error.";

constexpr const char* kShowUsage =
    "usage: galguard incidents show ID [--config FILE] [--json]\n"
    "Shows one incident record with every field of IMY's notification form; fields not yet "
    "filled in show \"—\".\n"
    "Exit status: 0 shown, 2 error (unknown id, unreadable database).";

constexpr const char* kExportUsage =
    "usage: galguard incidents export ID [--config FILE] [--format text|json]\n"
    "Writes one incident to standard output as the DPO hands it on: text (default) reads as a "
    "filled-in notification to IMY, Swedish labels with the English after each, times in UTC; "
    "json is the record with its deadline, for other systems.\n"
    "Exit status: 0 written, 2 error (unknown id, unknown format).";

po::options_description base_options() {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help");
  add_config_option(options);
  return options;
}

quarantine::Incident require_incident(quarantine::QuarantineStore& store, const std::string& id) {
  auto incident = store.incident(id);
  if (!incident) throw std::runtime_error("no incident with id " + printable(id));
  return *incident;
}

// printable() for a text of many lines: the line breaks are the export's own, everything
// within a line may have come from mail headers.
std::string printable_lines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += printable(text.substr(start, end - start));
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

std::string origin(const quarantine::Incident& i) {
  if (!i.message_id.empty()) return "message " + i.message_id;
  if (!i.finding.empty()) return "finding " + printable(i.finding);
  return "—";
}

std::string deadline_column(const quarantine::Incident& i, std::int64_t now) {
  if (i.discovered_at == 0) return "—";
  return incidents::describe(incidents::deadline_of(i, now));
}

int run_list(const std::vector<std::string>& args) {
  po::options_description options = base_options();
  options.add_options()("json", "one JSON array instead of a table");
  auto parsed = parse_options(kListUsage, options, {}, args, {});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto store = open_store(load_config(parsed.vars));
  const std::int64_t now = quarantine::unix_now();
  const auto all = store->incidents();
  if (parsed.vars.count("json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : all)
      out.push_back(incidents::to_json(i, now));
    fmt::print("{}\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return 0;
  }
  if (all.empty()) {
    fmt::print("no incidents\n");
    return 0;
  }
  fmt::print("{:<8} {:<7} {:<21} {:<34} {}\n", "ID", "STATUS", "DISCOVERED", "DEADLINE", "FROM");
  for (const auto& i : all) {
    fmt::print("{:<8} {:<7} {:<21} {:<34} {}\n", printable(i.id), printable(i.status),
               i.discovered_at == 0 ? "—" : incidents::display_time(i.discovered_at),
               deadline_column(i, now), origin(i));
  }
  return 0;
}

int run_show(const std::vector<std::string>& args) {
  po::options_description options = base_options();
  options.add_options()("id", po::value<std::string>(), "the incident id (INC-N)")(
      "json", "the record as JSON, with its deadline");
  auto parsed = parse_options(kShowUsage, options, one_positional("id"), args, {"id"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto store = open_store(load_config(parsed.vars));
  const auto incident = require_incident(*store, parsed.vars["id"].as<std::string>());
  const std::int64_t now = quarantine::unix_now();
  if (parsed.vars.count("json")) {
    fmt::print("{}\n", incidents::to_json(incident, now)
                           .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    fmt::print("{}", printable_lines(incidents::to_text(incident, now)));
  }
  return 0;
}

int run_export(const std::vector<std::string>& args) {
  po::options_description options = base_options();
  options.add_options()("id", po::value<std::string>(), "the incident id (INC-N)")(
      "format", po::value<std::string>()->default_value("text"), "text or json");
  auto parsed = parse_options(kExportUsage, options, one_positional("id"), args, {"id"});
  if (parsed.exit_code) return *parsed.exit_code;
  const std::string format = parsed.vars["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw std::runtime_error("unknown --format '" + printable(format) + "' (text or json)");
  const auto store = open_store(load_config(parsed.vars));
  const auto incident = require_incident(*store, parsed.vars["id"].as<std::string>());
  const std::int64_t now = quarantine::unix_now();
  if (format == "json") {
    fmt::print("{}\n", incidents::to_json(incident, now)
                           .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    fmt::print("{}", printable_lines(incidents::to_text(incident, now)));
  }
  return 0;
}

constexpr std::array<Action, 3> kActions = {{
    {"list", "list [--json]", &run_list},
    {"show", "show ID [--json]", &run_show},
    {"export", "export ID [--format text|json]", &run_export},
}};

}  // namespace

int run_incidents(const std::vector<std::string>& args) {
  return run_action(
      {"incidents",
       "Personal-data incident records (GDPR Art. 33/34) with their 72-hour notification "
       "deadline. Create one from a held message with `galguard quarantine "
       "incident`.",
       kActions},
      args);
}

}  // namespace galguard::app
