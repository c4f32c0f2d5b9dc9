#include <fmt/format.h>

#include <array>
#include <set>
#include <utility>

#include "gateway/quarantine/unix_time.hpp"
#include "gateway/review/bar_chart.hpp"
#include "gateway/review/form.hpp"
#include "gateway/review/html.hpp"
#include "gateway/review/message_parts.hpp"
#include "gateway/review/pages.hpp"
#include "gateway/review/verdict_view.hpp"

namespace galguard::review {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr int kChartDays = 30;
constexpr std::array kStates = {"held", "released", "deleted", "expired"};

std::string option(std::string_view value, std::string_view label, std::string_view selected) {
  return fmt::format("<option value=\"{}\"{}>{}</option>", value,
                     value == selected ? " selected" : "", label);
}

// Recipients as the sender saw them: the display names the findings are about, then the
// envelope's addresses.
// Each flagged recipient once, though several findings may name it.
std::string recipients_cell(const quarantine::HeldMessage& m, const VerdictView& verdict) {
  std::string cell;
  std::set<std::pair<std::string, std::string>> shown;
  for (const auto& f : verdict.findings) {
    if (f.display_name.empty() && f.address.empty()) continue;
    if (!shown.emplace(f.display_name, f.address).second) continue;
    if (!cell.empty()) cell += "<br>";
    cell += fmt::format("{} &lt;{}&gt;", escape(f.display_name), escape(f.address));
  }
  if (cell.empty()) {
    for (const auto& r : m.envelope.rcpt_to) {
      if (!cell.empty()) cell += "<br>";
      cell += escape(r);
    }
  }
  return cell;
}

std::string row(const quarantine::HeldMessage& m) {
  const VerdictView verdict = read_verdict(m.verdict_json);
  std::string subject = header_value(header_fields(m.raw, 100), "Subject");
  if (subject.empty()) subject = m.raw.empty() ? "(bytes erased)" : "(no subject)";
  std::string codes;
  for (const auto& c : m.codes)
    codes += (codes.empty() ? "" : ", ") + escape(c);
  const std::string state(quarantine::to_string(m.state));
  return fmt::format(
      "<tr><td data-label=\"Received\">{}</td><td data-label=\"State\" class=\"state-{}\">{}</td>"
      "<td data-label=\"From\">{}</td><td data-label=\"To\">{}</td>"
      "<td data-label=\"Subject\"><a href=\"/messages/{}\">{}</a></td>"
      "<td data-label=\"Codes\">{}</td></tr>",
      quarantine::iso_time(m.received_at), state, state, escape(m.envelope.mail_from),
      recipients_cell(m, verdict), percent_encode(m.id), escape(truncate_utf8(subject, 200)),
      codes);
}

}  // namespace

QueueFilter queue_filter(const QueueQuery& query) {
  QueueFilter out;
  auto& f = out.filter;
  if (query.state != "all" && !query.state.empty()) {
    f.state = quarantine::state_from_string(query.state);
    if (!f.state) {
      out.problem = "Unknown state: choose held, released, deleted, expired or all.";
      return out;
    }
  }
  if (!query.code.empty()) f.code = query.code;
  if (!query.sender.empty()) f.sender = query.sender;
  if (!query.from.empty()) {
    f.since = quarantine::parse_iso_time(query.from);
    if (!f.since) {
      out.problem = "The \"from\" date must look like 2026-11-25.";
      return out;
    }
  }
  if (!query.to.empty()) {
    const auto to = quarantine::parse_iso_time(query.to);
    if (!to) {
      out.problem = "The \"to\" date must look like 2026-11-25.";
      return out;
    }
    // "to 2026-11-25" includes that day; a full time means that instant.
    f.until = query.to.size() == 10 ? *to + kDay : *to;
  }
  return out;
}

std::string queue_page(quarantine::QuarantineStore& store, const QueueQuery& query,
                       const quarantine::ListFilter& filter, const Viewer& viewer,
                       const std::string& flash, std::int64_t now) {
  std::string content = "<h1>Quarantine queue</h1>";

  content += "<form class=\"filters\" method=\"get\" action=\"/queue\">";
  content += "<label>State<select name=\"state\">";
  for (const char* s : kStates)
    content += option(s, s, query.state);
  content += option("all", "all", query.state) + "</select></label>";
  content += fmt::format(
      "<label>Code<input type=\"text\" name=\"code\" value=\"{}\"></label>"
      "<label>Sender<input type=\"text\" name=\"sender\" value=\"{}\"></label>"
      "<label>From<input type=\"date\" name=\"from\" value=\"{}\"></label>"
      "<label>To<input type=\"date\" name=\"to\" value=\"{}\"></label>"
      "<button type=\"submit\">Filter</button></form>",
      escape(query.code), escape(query.sender), escape(query.from), escape(query.to));

  // Counts per state under the same code, sender and date filters.
  content += "<ul class=\"counts\" aria-label=\"Messages per state\">";
  quarantine::ListFilter by_state = filter;
  for (const char* s : kStates) {
    by_state.state = quarantine::state_from_string(s);
    content += fmt::format("<li>{}: <strong>{}</strong></li>", s, store.count(by_state));
  }
  content += "</ul>";

  const std::int64_t today = now - ((now % kDay) + kDay) % kDay;
  const std::int64_t first_day = today - (kChartDays - 1) * kDay;
  content += "<figure class=\"chart\"><figcaption>Held per day, last 30 days (UTC)</figcaption>";
  content += held_per_day_chart(store.held_per_day(first_day, kChartDays), first_day);
  content += "</figure>";

  const auto messages = store.list(filter);
  const std::size_t total = store.count(filter);
  content += fmt::format(
      "<p class=\"muted\">{} message{} match{}, newest first{}.</p>", total, total == 1 ? "" : "s",
      total == 1 ? "es" : "",
      total > messages.size() ? fmt::format("; showing the first {}", messages.size()) : "");
  if (!messages.empty()) {
    content +=
        "<table class=\"stack\"><thead><tr><th>Received (UTC)</th><th>State</th><th>From</th>"
        "<th>To</th><th>Subject</th><th>Codes</th></tr></thead><tbody>";
    for (const auto& m : messages)
      content += row(m);
    content += "</tbody></table>";
  }
  return layout("Queue", &viewer, flash, content);
}

}  // namespace galguard::review
