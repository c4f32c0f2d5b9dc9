// galguard quarantine list: the queue, newest first. Envelope, codes and personal-data counts
// only; a body is shown by `show --raw`, which the action log records.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "gateway/app/commands.hpp"
#include "gateway/app/quarantine_actions.hpp"

namespace galguard::app::quarantine_cli {
namespace {

using nlohmann::json;
using quarantine::HeldMessage;

constexpr const char* kUsage =
    "usage: galguard quarantine list [--config FILE] [--state held|released|deleted|expired|all]"
    " [--code CODE] [--sender TEXT] [--limit N] [--json]\n"
    "Lists quarantined messages, newest first: id, when received (UTC), state, sender, first "
    "recipients and the codes that held them. Never a message body.";

// Cut to `width` characters (not bytes, so UTF-8 stays whole), marking the cut.
std::string shorten(const std::string& text, std::size_t width) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++chars == width) {
      std::size_t end = i + 1;
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        ++end;
      if (end == text.size()) return text;
      return text.substr(0, i) + "…";
    }
  }
  return text;
}

std::string first_recipients(const std::vector<std::string>& rcpt_to) {
  constexpr std::size_t kShown = 2;
  std::string out;
  for (std::size_t i = 0; i < rcpt_to.size() && i < kShown; ++i)
    out += (i == 0 ? "" : ", ") + rcpt_to[i];
  if (rcpt_to.size() > kShown) out += fmt::format(" +{}", rcpt_to.size() - kShown);
  return out;
}

quarantine::ListFilter filter_from(const po::variables_map& vars) {
  quarantine::ListFilter filter;
  const auto state = vars["state"].as<std::string>();
  if (state != "all") {
    filter.state = quarantine::state_from_string(state);
    if (!filter.state)
      throw po::error(
          fmt::format("--state '{}' is not one of held, released, deleted, expired, all", state));
  }
  if (vars.count("code") != 0U) filter.code = vars["code"].as<std::string>();
  if (vars.count("sender") != 0U) filter.sender = vars["sender"].as<std::string>();
  const long limit = vars["limit"].as<long>();
  if (limit < 1) throw po::error("--limit must be at least 1");
  filter.limit = static_cast<std::size_t>(limit);
  return filter;
}

json to_json(const HeldMessage& m) {
  return {{"id", m.id},
          {"received_at", iso_time(m.received_at)},
          {"state", quarantine::to_string(m.state)},
          {"mail_from", m.envelope.mail_from},
          {"rcpt_to", m.envelope.rcpt_to},
          {"codes", m.codes},
          {"personal_data",
           {{"identity_numbers", m.personal_data.identity_numbers},
            {"categories", m.personal_data.categories}}}};
}

void print_table(const std::vector<HeldMessage>& messages) {
  constexpr auto kRow = "{:<16}  {:<20}  {:<8}  {:<30}  {:<40}  {}\n";
  fmt::print(kRow, "ID", "RECEIVED (UTC)", "STATE", "SENDER", "RECIPIENTS", "CODES");
  for (const HeldMessage& m : messages) {
    const std::string sender = m.envelope.mail_from.empty() ? "<>" : m.envelope.mail_from;
    fmt::print(kRow, printable(m.id), iso_time(m.received_at), quarantine::to_string(m.state),
               shorten(printable(sender), 30),
               shorten(printable(first_recipients(m.envelope.rcpt_to)), 40),
               fmt::join(m.codes, ","));
  }
}

}  // namespace

int run_list(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("state",
                                                    po::value<std::string>()->default_value("held"),
                                                    "held, released, deleted, expired or all")(
      "code", po::value<std::string>(), "only messages held for this code")(
      "sender", po::value<std::string>(), "only senders whose address contains this text")(
      "limit", po::value<long>()->default_value(100), "at most this many messages")(
      "json", po::bool_switch(),
      "print a JSON array: id, received_at, state, mail_from, rcpt_to, codes, personal_data");
  add_config_option(options);
  auto parsed = parse_options(kUsage, options, {}, args, {});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;

  const quarantine::ListFilter filter = filter_from(vars);
  const config::Config config = load_config(vars);
  const auto store = open_store(config);
  const std::vector<HeldMessage> messages = store->list(filter);

  if (vars["json"].as<bool>()) {
    json out = json::array();
    for (const HeldMessage& m : messages)
      out.push_back(to_json(m));
    // Mail addresses are not always UTF-8; one bad byte must not cost the whole listing.
    std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    return 0;
  }
  if (messages.empty()) {
    if (filter.state)
      fmt::print("no {} messages\n", quarantine::to_string(*filter.state));
    else
      fmt::print("no messages\n");
    return 0;
  }
  print_table(messages);
  return 0;
}

}  // namespace galguard::app::quarantine_cli
