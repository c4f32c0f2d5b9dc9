#include <fmt/format.h>

#include "gateway/quarantine/unix_time.hpp"
#include "gateway/review/decisions.hpp"
#include "gateway/review/form.hpp"
#include "gateway/review/html.hpp"
#include "gateway/review/message_parts.hpp"
#include "gateway/review/pages.hpp"
#include "gateway/review/verdict_view.hpp"

namespace galguard::review {
namespace {

// The body is shown whole up to this; a DPO deciding about a misaddressed mail needs the start
// of it, not a browser tab that freezes on a 50 MB attachment.
constexpr std::size_t kMaxBodyShown = 512 * 1024;

std::string join_escaped(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += escape(item);
  }
  return out;
}

std::string action_form(const std::string& id, const Viewer& viewer, std::string_view action,
                        std::string_view title, std::string_view button,
                        std::string_view button_class, std::string_view hint) {
  return fmt::format(
      "<form method=\"post\" action=\"/messages/{0}/{1}\">{2}<h3>{3}</h3>"
      "<p class=\"muted\">{4}</p>"
      "<label for=\"reason-{1}\">Reason (required)</label>"
      "<textarea id=\"reason-{1}\" name=\"reason\" required maxlength=\"{5}\"></textarea>"
      "<button type=\"submit\" class=\"{6}\">{7}</button></form>",
      percent_encode(id), action, csrf_field(viewer), title, hint, kMaxReasonBytes, button_class,
      button);
}

std::string envelope_section(const quarantine::HeldMessage& m) {
  const auto& e = m.envelope;
  std::string client = e.client_name.empty()
                           ? escape(e.client_addr)
                           : fmt::format("{} [{}]", escape(e.client_name), escape(e.client_addr));
  return fmt::format(
      "<h2>Envelope</h2><dl class=\"fields\"><dt>Queue id</dt><dd>{}</dd>"
      "<dt>Received</dt><dd>{}</dd><dt>State</dt><dd class=\"state-{}\">{}</dd>"
      "<dt>Sender (MAIL FROM)</dt><dd>{}</dd><dt>Recipients (RCPT TO)</dt><dd>{}</dd>"
      "<dt>HELO</dt><dd>{}</dd><dt>Client</dt><dd>{}</dd></dl>",
      escape(m.id), quarantine::iso_time(m.received_at), quarantine::to_string(m.state),
      quarantine::to_string(m.state), escape(e.mail_from), join_escaped(e.rcpt_to, "<br>"),
      escape(e.helo), client);
}

std::string findings_section(const VerdictView& verdict) {
  std::string out = "<h2>Findings</h2>";
  if (!verdict.readable) return out + "<p class=\"error\">The stored verdict cannot be read.</p>";
  if (verdict.findings.empty()) return out + "<p>No findings were recorded.</p>";
  out +=
      "<table class=\"stack\"><thead><tr><th>Code</th><th>Severity</th><th>Header</th>"
      "<th>Display name</th><th>Address</th><th>Expected</th><th>Why</th></tr></thead><tbody>";
  for (const auto& f : verdict.findings) {
    out += fmt::format(
        "<tr><td data-label=\"Code\">{}</td><td data-label=\"Severity\">{}</td>"
        "<td data-label=\"Header\">{}</td><td data-label=\"Display name\">{}</td>"
        "<td data-label=\"Address\">{}</td><td data-label=\"Expected\">{}</td>"
        "<td data-label=\"Why\">{}</td></tr>",
        escape(f.code), escape(f.severity), escape(f.header), escape(f.display_name),
        escape(f.address), join_escaped(f.expected, "<br>"), escape(f.explanation));
  }
  return out + "</tbody></table>";
}

// What each attachment was read as and what it carries; "not inspected" says why, so the DPO
// knows what galguard could not see.
std::string attachments_table(const VerdictView& verdict) {
  if (verdict.attachments.empty()) return {};
  std::string out =
      "<table class=\"stack\" id=\"attachments\"><thead><tr><th>Attachment</th><th>Type</th>"
      "<th>Inspected</th><th>Identity numbers</th><th>Categories</th></tr></thead><tbody>";
  for (const auto& a : verdict.attachments) {
    const std::string state = !a.inspected    ? "not inspected: " + a.why
                              : a.why.empty() ? "yes"
                                              : "in part: " + a.why;
    out += fmt::format(
        "<tr><td data-label=\"Attachment\">{}</td><td data-label=\"Type\">{}</td>"
        "<td data-label=\"Inspected\">{}</td><td data-label=\"Identity numbers\">{}</td>"
        "<td data-label=\"Categories\">{}</td></tr>",
        escape(a.name), escape(a.type), escape(state), escape(a.identity_numbers),
        a.categories.empty() ? "—" : join_escaped(a.categories, ", "));
  }
  return out + "</tbody></table>";
}

std::string personal_data_section(const quarantine::HeldMessage& m, const VerdictView& verdict) {
  const auto& pd = m.personal_data;
  return fmt::format(
             "<h2>Personal data</h2><dl class=\"fields\"><dt>Identity numbers</dt><dd>{}</dd>"
             "<dt>Categories</dt><dd>{}</dd><dt>Found in</dt><dd>{}</dd></dl>",
             pd.identity_numbers,
             pd.categories.empty() ? "none" : join_escaped(pd.categories, ", "),
             verdict.places.empty() ? "—" : join_escaped(verdict.places, ", ")) +
         attachments_table(verdict);
}

std::string headers_section(const quarantine::HeldMessage& m) {
  if (m.raw.empty()) return "<h2>Headers</h2><p>The message's bytes were erased.</p>";
  std::string out = "<h2>Headers</h2><table class=\"stack\"><tbody>";
  for (const auto& h : header_fields(m.raw))
    out += fmt::format("<tr><th>{}</th><td>{}</td></tr>", escape(h.name),
                       escape(truncate_utf8(h.value, 4000)));
  return out + "</tbody></table>";
}

std::string log_section(const std::vector<quarantine::ActionLogEntry>& log) {
  std::string out =
      "<h2>Action log of this message</h2><table class=\"stack\"><thead><tr><th>When (UTC)</th>"
      "<th>Who</th><th>What</th><th>Why</th></tr></thead><tbody>";
  for (const auto& e : log)
    out += fmt::format(
        "<tr><td data-label=\"When\">{}</td><td data-label=\"Who\">{}</td>"
        "<td data-label=\"What\">{}</td><td data-label=\"Why\">{}</td></tr>",
        quarantine::iso_time(e.at), escape(e.actor), escape(e.action), escape(e.reason));
  return out + "</tbody></table>";
}

std::string pending_section(const quarantine::ActionLogEntry& request, const Viewer& viewer,
                            const std::string& id) {
  std::string out = fmt::format(
      "<div class=\"notice\"><h2>Release requested</h2><p>{} asked to release this message at "
      "{}: “{}”. A second DPO must approve it before it leaves.</p>",
      escape(request.actor), quarantine::iso_time(request.at), escape(request.reason));
  if (viewer.may_act() && viewer.name != request.actor)
    out += action_form(id, viewer, "release", "Approve release", "Approve release", "",
                       "Approving sends the message now; both reasons are logged.");
  else if (viewer.name == request.actor)
    out += "<p class=\"muted\">You asked; another DPO has to approve.</p>";
  return out + "</div>";
}

}  // namespace

std::string message_page(const MessagePageInput& input, const Viewer& viewer,
                         const std::string& flash) {
  const quarantine::HeldMessage& m = *input.message;
  const VerdictView verdict = read_verdict(m.verdict_json);
  const auto fields = header_fields(m.raw);
  std::string subject = header_value(fields, "Subject");
  if (subject.empty()) subject = "(no subject)";

  std::string content = fmt::format("<h1>{}</h1>", escape(truncate_utf8(subject, 300)));
  content += envelope_section(m);

  const bool held = m.state == quarantine::State::held;
  const auto pending = held ? pending_release_request(input.log) : std::nullopt;
  if (pending) content += pending_section(*pending, viewer, m.id);

  if (viewer.may_act()) {
    content += "<h2>Decide</h2><div class=\"actions\">";
    if (held && !pending) {
      content += input.four_eyes
                     ? action_form(m.id, viewer, "release", "Request release", "Request release",
                                   "", "This message needs a second DPO's approval (four-eyes).")
                     : action_form(m.id, viewer, "release", "Release", "Release", "",
                                   "Sends the original message on to its recipients.");
    }
    if (held)
      content += action_form(m.id, viewer, "delete", "Delete", "Delete", "danger",
                             "Erases the message's bytes at once; the record stays.");
    content += action_form(m.id, viewer, "incident", "Mark as incident", "Mark as incident", "",
                           "Creates a personal-data incident record from this message.");
    content += action_form(m.id, viewer, "not-incident", "Not an incident", "Not an incident",
                           "secondary", "Records that no personal-data breach happened.");
    content += "</div>";
  }

  content += findings_section(verdict);
  content += personal_data_section(m, verdict);
  content += headers_section(m);

  content += "<h2>Body</h2>";
  if (input.show_body) {
    const std::string_view body = message_body(m.raw);
    content += fmt::format(
        "<p class=\"muted\">Your viewing was recorded in the action log.</p>"
        "<pre class=\"body\">{}</pre>",
        escape(truncate_utf8(body, kMaxBodyShown)));
  } else if (m.raw.empty()) {
    content += "<p>The message's bytes were erased.</p>";
  } else if (viewer.may_act()) {
    content += fmt::format(
        "<form method=\"post\" action=\"/messages/{}/body\">{}"
        "<p class=\"muted\">The body may contain personal data. Viewing it is recorded in the "
        "action log with your name.</p><button type=\"submit\" class=\"secondary\">Show body"
        "</button></form>",
        percent_encode(m.id), csrf_field(viewer));
  } else {
    content += "<p class=\"muted\">Only a DPO may view the body.</p>";
  }

  content += log_section(input.log);
  return layout(subject, &viewer, flash, content);
}

}  // namespace galguard::review
