#include "gateway/review/incident_form.hpp"

#include <charconv>
#include <optional>

#include "gateway/quarantine/unix_time.hpp"

namespace galguard::review {
namespace {

constexpr std::size_t kMaxFieldBytes = 20'000;

struct Parser {
  const Form& form;
  std::string problem;

  std::string text(const char* name, const std::string& label) {
    std::string value = form.get(name);
    if (value.size() > kMaxFieldBytes && problem.empty())
      problem = label + " is longer than 20,000 characters.";
    // Browsers send CRLF line ends; the record keeps LF.
    std::erase(value, '\r');
    return value;
  }
  std::optional<std::int64_t> time(const char* name, const std::string& label) {
    const std::string value = form.get(name);
    if (value.empty()) return std::nullopt;
    auto t = quarantine::parse_iso_time(value);
    if (!t && problem.empty())
      problem = label + " must be a UTC time like 2026-11-25T14:03:00Z or a date like 2026-11-25.";
    return t;
  }
  std::int64_t required_time(const char* name, const std::string& label, std::int64_t current) {
    if (form.get(name).empty()) {
      if (problem.empty()) problem = label + " is required.";
      return current;
    }
    return time(name, label).value_or(current);
  }
  int count(const char* name, const std::string& label) {
    const std::string value = form.get(name);
    if (value.empty()) return 0;
    int n = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
    if ((error != std::errc{} || end != value.data() + value.size() || n < 0) && problem.empty())
      problem = label + " must be a whole number, 0 or more.";
    return n < 0 ? 0 : n;
  }
  std::string choice(const char* name, const std::string& label,
                     std::initializer_list<std::string_view> allowed) {
    const std::string value = form.get(name);
    for (const auto a : allowed)
      if (value == a) return value;
    if (problem.empty()) problem = label + " has a value this form does not offer.";
    return {};
  }
  std::vector<std::string> lines(const char* name, char separator) {
    std::vector<std::string> out;
    const std::string value = text(name, name);
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find(separator, start);
      if (end == std::string::npos) end = value.size();
      std::string item = value.substr(start, end - start);
      const auto first = item.find_first_not_of(" \t\n");
      const auto last = item.find_last_not_of(" \t\n");
      if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
      start = end + 1;
    }
    return out;
  }
};

}  // namespace

IncidentEdit apply_incident_form(const quarantine::Incident& current, const Form& form) {
  Parser p{form, {}};
  quarantine::Incident i = current;
  i.status = p.choice("status", "Status", {"open", "closed"});
  i.organisation = p.text("organisation", "Organisation");
  i.contact = p.text("contact", "Contact");
  i.occurred_at = p.required_time("occurred_at", "Occurred", current.occurred_at);
  i.discovered_at = p.required_time("discovered_at", "Discovered", current.discovered_at);
  i.ended_at = p.time("ended_at", "Ended");
  i.nature = p.text("nature", "Nature");
  i.description = p.text("description", "Description");
  i.how_discovered = p.text("how_discovered", "How discovered");
  i.cause = p.text("cause", "Cause");
  i.recipients = p.lines("recipients", '\n');
  i.processors = p.text("processors", "Processors");
  i.data_subjects = p.count("data_subjects", "Number of data subjects");
  i.records = p.count("records", "Number of records");
  i.subject_categories = p.text("subject_categories", "Categories of data subjects");
  i.data_categories = p.lines("data_categories", ',');
  // An unchecked checkbox is not sent at all.
  i.special_categories = form.get("special_categories") == "yes";
  i.encrypted = form.get("encrypted") == "yes";
  i.consequences = p.text("consequences", "Likely consequences");
  i.severity = p.choice("severity", "Severity", {"", "low", "medium", "high"});
  i.measures_taken = p.text("measures_taken", "Measures taken");
  i.measures_planned = p.text("measures_planned", "Measures planned");
  i.notified_at = p.time("notified_at", "Notified at");
  i.authority_reference = p.text("authority_reference", "Authority reference");
  i.subjects_informed = p.choice("subjects_informed", "Data subjects informed", {"", "yes", "no"});
  i.subjects_informed_why = p.text("subjects_informed_why", "Why (not) informed");
  if (i.ended_at && *i.ended_at < i.occurred_at && p.problem.empty())
    p.problem = "Ended cannot be before Occurred.";
  if (i.discovered_at < i.occurred_at && p.problem.empty())
    p.problem = "Discovered cannot be before Occurred.";
  return {std::move(i), std::move(p.problem)};
}

}  // namespace galguard::review
