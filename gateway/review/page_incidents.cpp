#include <fmt/format.h>

#include "gateway/incidents/deadline.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "gateway/review/form.hpp"
#include "gateway/review/html.hpp"
#include "gateway/review/pages.hpp"

namespace galguard::review {
namespace {

using quarantine::Incident;

std::string time_text(std::optional<std::int64_t> t) {
  return t ? quarantine::iso_time(*t) : std::string{};
}

// "urgent" and "overdue" are red in the stylesheet: the DPO must see at a glance which
// notification is due.
std::string deadline_cell(const Incident& incident, std::int64_t now) {
  const auto d = incidents::deadline_of(incident, now);
  const char* cls = d.state == incidents::Deadline::State::urgent    ? "urgent"
                    : d.state == incidents::Deadline::State::overdue ? "overdue"
                                                                     : "";
  return fmt::format("<span class=\"{}\">{}</span> <span class=\"muted\">(due {})</span>", cls,
                     escape(incidents::describe(d)), quarantine::iso_time(d.due));
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string input(const char* name, const char* label, const std::string& value, bool disabled,
                  std::string_view hint = {}) {
  return fmt::format(
      "<label for=\"{0}\">{1}</label>{4}<input type=\"text\" id=\"{0}\" name=\"{0}\" "
      "value=\"{2}\"{3}>",
      name, label, escape(value), disabled ? " disabled" : "",
      hint.empty() ? "" : fmt::format("<span class=\"muted\">{}</span>", hint));
}

std::string area(const char* name, const char* label, const std::string& value, bool disabled,
                 std::string_view hint = {}) {
  return fmt::format(
      "<label for=\"{0}\">{1}</label>{4}<textarea id=\"{0}\" name=\"{0}\"{3}>{2}</textarea>", name,
      label, escape(value), disabled ? " disabled" : "",
      hint.empty() ? "" : fmt::format("<span class=\"muted\">{}</span>", hint));
}

std::string select(const char* name, const char* label, const std::string& value,
                   std::initializer_list<std::pair<const char*, const char*>> options,
                   bool disabled) {
  std::string out = fmt::format("<label for=\"{0}\">{1}</label><select id=\"{0}\" name=\"{0}\"{2}>",
                                name, label, disabled ? " disabled" : "");
  for (const auto& [v, text] : options)
    out +=
        fmt::format("<option value=\"{}\"{}>{}</option>", v, value == v ? " selected" : "", text);
  return out + "</select>";
}

std::string checkbox(const char* name, const char* label, bool checked, bool disabled) {
  return fmt::format("<label><input type=\"checkbox\" name=\"{}\" value=\"yes\"{}{}> {}</label>",
                     name, checked ? " checked" : "", disabled ? " disabled" : "", label);
}

}  // namespace

std::string incidents_page(const std::vector<Incident>& list, const Viewer& viewer,
                           const std::string& flash, std::int64_t now) {
  std::string content = "<h1>Incidents</h1>";
  if (list.empty()) {
    content +=
        "<p>No incidents yet. Create one from a held message (“Mark as incident”) or from an "
        "audit finding.</p>";
    return layout("Incidents", &viewer, flash, content);
  }
  content +=
      "<table class=\"stack\"><thead><tr><th>Incident</th><th>Status</th><th>Discovered "
      "(UTC)</th><th>72-hour clock</th><th>Notified at</th></tr></thead><tbody>";
  for (const auto& i : list) {
    content += fmt::format(
        "<tr><td data-label=\"Incident\"><a href=\"/incidents/{}\">{}</a></td>"
        "<td data-label=\"Status\">{}</td><td data-label=\"Discovered\">{}</td>"
        "<td data-label=\"72-hour clock\">{}</td><td data-label=\"Notified at\">{}</td></tr>",
        percent_encode(i.id), escape(i.id), escape(i.status), quarantine::iso_time(i.discovered_at),
        deadline_cell(i, now), i.notified_at ? quarantine::iso_time(*i.notified_at) : "—");
  }
  content += "</tbody></table>";
  return layout("Incidents", &viewer, flash, content);
}

std::string incident_page(const Incident& i, const Viewer& viewer, const std::string& flash,
                          std::int64_t now) {
  const bool ro = !viewer.may_act();
  const std::string id = percent_encode(i.id);
  std::string content = fmt::format("<h1>Incident {}</h1>", escape(i.id));
  content += fmt::format(
      "<dl class=\"fields\"><dt>72-hour clock</dt><dd>{}</dd><dt>Created</dt><dd>{} by {}</dd>"
      "<dt>Last edited</dt><dd>{}</dd>",
      deadline_cell(i, now), quarantine::iso_time(i.created_at), escape(i.created_by),
      i.updated_at ? quarantine::iso_time(i.updated_at) : "—");
  if (!i.message_id.empty())
    content += fmt::format("<dt>Message</dt><dd><a href=\"/messages/{}\">{}</a></dd>",
                           percent_encode(i.message_id), escape(i.message_id));
  if (!i.finding.empty())
    content += fmt::format("<dt>Audit finding</dt><dd>{}</dd>", escape(i.finding));
  content += fmt::format(
      "<dt>Export</dt><dd><a href=\"/incidents/{0}/export?format=json\" download>JSON</a> · "
      "<a href=\"/incidents/{0}/export?format=text\" download>Text (notification form)</a>"
      "</dd></dl>",
      id);

  content += fmt::format("<form class=\"edit\" method=\"post\" action=\"/incidents/{}\">", id);
  if (!ro) content += csrf_field(viewer);
  content += select("status", "Status", i.status, {{"open", "open"}, {"closed", "closed"}}, ro);
  content += "<h2>Controller</h2>";
  content += input("organisation", "Organisation", i.organisation, ro);
  content += input("contact", "Contact (DPO)", i.contact, ro);
  content += "<h2>When</h2>";
  const char* time_hint = "UTC, e.g. 2026-11-25T14:03:00Z";
  content += input("occurred_at", "Occurred", quarantine::iso_time(i.occurred_at), ro, time_hint);
  content += input("discovered_at", "Discovered (the 72 hours run from here)",
                   quarantine::iso_time(i.discovered_at), ro, time_hint);
  content += input("ended_at", "Ended", time_text(i.ended_at), ro, "empty = still ongoing");
  content += "<h2>What happened</h2>";
  content += input("nature", "Nature", i.nature, ro);
  content += area("description", "Description", i.description, ro);
  content += area("how_discovered", "How it was discovered", i.how_discovered, ro);
  content += area("cause", "Cause", i.cause, ro);
  content += area("recipients", "Recipients", join(i.recipients, "\n"), ro, "one per line");
  content += input("processors", "Processors involved", i.processors, ro);
  content += "<h2>Whose data, what data</h2>";
  content += input("data_subjects", "Number of data subjects", std::to_string(i.data_subjects), ro);
  content += input("records", "Number of records", std::to_string(i.records), ro);
  content += input("subject_categories", "Categories of data subjects", i.subject_categories, ro);
  content += input("data_categories", "Categories of data", join(i.data_categories, ", "), ro,
                   "comma-separated");
  content += checkbox("special_categories", "Special categories (Art. 9/10) involved",
                      i.special_categories, ro);
  content += checkbox("encrypted", "The data was encrypted", i.encrypted, ro);
  content += "<h2>Consequences and measures</h2>";
  content += area("consequences", "Likely consequences", i.consequences, ro);
  content +=
      select("severity", "Severity", i.severity,
             {{"", "not assessed"}, {"low", "low"}, {"medium", "medium"}, {"high", "high"}}, ro);
  content += area("measures_taken", "Measures taken", i.measures_taken, ro);
  content += area("measures_planned", "Measures planned", i.measures_planned, ro);
  content += "<h2>Notification (Art. 33) and data subjects (Art. 34)</h2>";
  content += input("notified_at", "Authority notified at", time_text(i.notified_at), ro, time_hint);
  content += input("authority_reference", "Authority's reference", i.authority_reference, ro);
  content += select("subjects_informed", "Data subjects informed", i.subjects_informed,
                    {{"", "not decided"}, {"yes", "yes"}, {"no", "no"}}, ro);
  content += area("subjects_informed_why", "Why (not)", i.subjects_informed_why, ro);
  if (!ro) content += "<p><button type=\"submit\">Save incident</button></p>";
  content += "</form>";
  return layout("Incident " + i.id, &viewer, flash, content);
}

}  // namespace galguard::review
