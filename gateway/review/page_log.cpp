#include <fmt/format.h>

#include "gateway/quarantine/unix_time.hpp"
#include "gateway/review/form.hpp"
#include "gateway/review/html.hpp"
#include "gateway/review/pages.hpp"

namespace galguard::review {

std::string log_page(const std::vector<quarantine::ActionLogEntry>& newest_first, std::size_t total,
                     const quarantine::ChainCheck& chain, const Viewer& viewer) {
  std::string content = "<h1>Action log</h1>";
  content += chain.ok ? "<p class=\"flash\">Hash chain verified: no row was changed or removed.</p>"
                      : fmt::format(
                            "<p class=\"error\">Hash chain broken at row {}: the log was changed "
                            "outside galguard. Keep a copy of the database and investigate.</p>",
                            chain.first_bad_seq ? std::to_string(*chain.first_bad_seq) : "?");
  content += fmt::format(
      "<p class=\"muted\">{} row{}, newest first{}.</p>", total, total == 1 ? "" : "s",
      total > newest_first.size() ? fmt::format("; showing the newest {}", newest_first.size())
                                  : "");
  content +=
      "<table class=\"stack\"><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>What</th>"
      "<th>Message</th><th>Why</th></tr></thead><tbody>";
  for (const auto& e : newest_first) {
    const std::string message =
        e.message_id.empty() ? std::string{}
                             : fmt::format("<a href=\"/messages/{}\">{}</a>",
                                           percent_encode(e.message_id), escape(e.message_id));
    content += fmt::format(
        "<tr><td data-label=\"#\">{}</td><td data-label=\"When\">{}</td>"
        "<td data-label=\"Who\">{}</td><td data-label=\"What\">{}</td>"
        "<td data-label=\"Message\">{}</td><td data-label=\"Why\">{}</td></tr>",
        e.seq, quarantine::iso_time(e.at), escape(e.actor), escape(e.action), message,
        escape(e.reason));
  }
  content += "</tbody></table>";
  return layout("Action log", &viewer, "", content);
}

}  // namespace galguard::review
