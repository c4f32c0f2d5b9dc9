#include "gateway/incidents/prefill.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "gateway/incidents/display_time.hpp"
#include "rules/detectors/personal_data.hpp"
#include "rules/message/message_view.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::incidents {
namespace {

using nlohmann::json;

std::string string_member(const json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string mailbox(const std::string& display_name, const std::string& address) {
  if (display_name.empty()) return address;
  return display_name + " <" + address + ">";
}

void add_unique(std::vector<std::string>& list, std::string item) {
  if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end())
    list.push_back(std::move(item));
}

// The verdict's findings name the recipient that was wrong and why; a verdict that cannot be
// read (an older or damaged record) leaves those fields for the DPO.
void from_findings(const std::string& verdict_json, quarantine::Incident& incident) {
  const json verdict = json::parse(verdict_json, nullptr, /*allow_exceptions=*/false);
  if (!verdict.is_object() || !verdict.contains("findings") || !verdict["findings"].is_array())
    return;
  std::vector<std::string> causes;
  for (const json& f : verdict["findings"]) {
    if (!f.is_object()) continue;
    const std::string address = string_member(f, "address");
    if (!address.empty())
      add_unique(incident.recipients, mailbox(string_member(f, "display_name"), address));
    std::string cause = string_member(f, "code");
    const std::string explanation = string_member(f, "explanation");
    if (!explanation.empty()) cause += ": " + explanation;
    std::vector<std::string> expected;
    if (f.contains("expected") && f["expected"].is_array()) {
      for (const json& e : f["expected"])
        if (e.is_string()) expected.push_back(e.get<std::string>());
    }
    if (!expected.empty()) cause += fmt::format(" (expected: {})", fmt::join(expected, ", "));
    add_unique(causes, std::move(cause));
  }
  incident.cause = fmt::format("{}", fmt::join(causes, "\n"));
}

// Where the personal data was, for the description: the body, the subject, each attachment with
// its counts, and what could not be inspected (names only, never content).
std::string found_in(const std::string& verdict_json) {
  const json verdict = json::parse(verdict_json, nullptr, /*allow_exceptions=*/false);
  if (!verdict.is_object() || !verdict.contains("personal_data")) return {};
  const json& pd = verdict["personal_data"];
  if (!pd.is_object()) return {};
  std::vector<std::string> places;
  if (pd.contains("places") && pd["places"].is_array()) {
    for (const json& p : pd["places"])
      if (p.is_string() && !p.get<std::string>().starts_with("attachment: "))
        places.push_back(p.get<std::string>());
  }
  std::vector<std::string> not_inspected;
  if (pd.contains("attachments") && pd["attachments"].is_array()) {
    for (const json& a : pd["attachments"]) {
      if (!a.is_object()) continue;
      const std::string name = string_member(a, "name");
      const int numbers = a.value("identity_numbers", 0);
      const bool inspected = a.value("inspected", false);
      if (!inspected) {
        not_inspected.push_back(fmt::format("{} ({})", name, string_member(a, "why")));
        continue;
      }
      std::vector<std::string> categories;
      if (a.contains("categories") && a["categories"].is_array())
        for (const json& c : a["categories"])
          if (c.is_string()) categories.push_back(c.get<std::string>());
      if (numbers == 0 && categories.empty()) continue;
      places.push_back(fmt::format("{} ({} identity number{}; {})", name, numbers,
                                   numbers == 1 ? "" : "s", fmt::join(categories, ", ")));
    }
  }
  std::string out;
  if (!places.empty()) out = fmt::format("Personal data found in: {}.", fmt::join(places, "; "));
  if (!not_inspected.empty())
    out += fmt::format("{}Not inspected: {}.", out.empty() ? "" : "\n",
                       fmt::join(not_inspected, "; "));
  return out;
}

std::string timeline(const std::vector<quarantine::ActionLogEntry>& log) {
  std::vector<std::string> lines;
  for (const quarantine::ActionLogEntry& e : log) {
    std::string line = display_time(e.at) + " " + e.action;
    if (!e.reason.empty()) line += " (" + e.reason + ")";
    if (!e.actor.empty()) line += " by " + e.actor;
    lines.push_back(std::move(line));
  }
  return fmt::format("{}", fmt::join(lines, "\n"));
}

quarantine::Incident from_organisation(const Organisation& organisation) {
  quarantine::Incident incident;
  incident.organisation = organisation.name;
  incident.contact = organisation.contact;
  incident.processors = organisation.processors;
  return incident;
}

bool contains_inline_pgp(std::string_view text) {
  return text.find("-----BEGIN PGP MESSAGE-----") != std::string_view::npos;
}

}  // namespace

quarantine::Incident incident_from_message(const quarantine::HeldMessage& message,
                                           const std::vector<quarantine::ActionLogEntry>& log,
                                           const Organisation& organisation, std::int64_t at) {
  quarantine::Incident incident = from_organisation(organisation);
  incident.message_id = message.id;
  incident.occurred_at = message.received_at;
  incident.discovered_at = at;
  incident.nature = "unauthorised disclosure by misaddressed e-mail";
  from_findings(message.verdict_json, incident);
  incident.description = found_in(message.verdict_json);
  // Without a finding naming a recipient, every envelope recipient is a candidate.
  if (incident.recipients.empty()) {
    for (const std::string& rcpt : message.envelope.rcpt_to)
      add_unique(incident.recipients, rcpt);
  }
  incident.how_discovered = fmt::format("galguard held the message from {} before delivery ({})",
                                        message.envelope.mail_from, fmt::join(message.codes, ", "));

  const quarantine::PersonalDataSummary& pd = message.personal_data;
  incident.records = pd.identity_numbers;
  incident.data_subjects = pd.identity_numbers;
  if (incident.data_subjects == 0 && !pd.categories.empty()) incident.data_subjects = 1;
  incident.data_categories = pd.categories;
  rules::PersonalData detected;
  detected.categories = pd.categories;
  incident.special_categories = detected.special_category();
  incident.encrypted = encrypted_content(message.raw);
  incident.measures_taken = timeline(log);
  return incident;
}

quarantine::Incident incident_from_finding(const std::string& finding_json,
                                           const Organisation& organisation, std::int64_t at) {
  const json finding = json::parse(finding_json, nullptr, /*allow_exceptions=*/false);
  if (!finding.is_object() || !finding.contains("code"))
    throw std::invalid_argument("an audit finding must be a JSON object with a \"code\"");
  const json entry = finding.value("entry", json::object());
  const std::string code = string_member(finding, "code");
  const std::string address = entry.is_object() ? string_member(entry, "address") : "";
  const std::string display_name = entry.is_object() ? string_member(entry, "display_name") : "";

  quarantine::Incident incident = from_organisation(organisation);
  incident.finding = address.empty() ? code : code + " " + address;
  incident.occurred_at = at;
  incident.discovered_at = at;
  if (!address.empty()) incident.recipients.push_back(mailbox(display_name, address));
  incident.cause = string_member(finding, "explanation");
  incident.how_discovered = "galguard audit finding " + code;
  return incident;
}

bool encrypted_content(std::string_view raw) {
  try {
    const rules::MessageView view = rules::parse_message(raw);
    if (view.encrypted) return true;
    return std::any_of(view.texts.begin(), view.texts.end(),
                       [](const rules::TextBlock& t) { return contains_inline_pgp(t.text); });
  } catch (const rules::InputError&) {
    // Not a parseable message: only an armoured block in the bytes themselves can tell.
    return contains_inline_pgp(raw);
  }
}

}  // namespace galguard::incidents
