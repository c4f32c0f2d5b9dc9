#include "gateway/smtp/reply.hpp"

#include <array>
#include <cassert>

#include <fmt/format.h>

namespace galguard::smtp {
namespace {

struct Row {
  Standard which;
  int code;
  std::string_view enhanced;
  std::string_view text;
};

// Codes from RFC 5321 §4.2, enhanced statuses from RFC 3463; texts follow Postfix's wording,
// which MTA operators already recognise in their logs.
constexpr std::array kTable{
    Row{Standard::greeting, 220, "", "galguard ESMTP"},
    Row{Standard::help, 214, "2.0.0", "Ok, see RFC 5321"},
    Row{Standard::bye, 221, "2.0.0", "Bye"},
    Row{Standard::ok, 250, "2.0.0", "Ok"},
    Row{Standard::sender_ok, 250, "2.1.0", "Sender ok"},
    Row{Standard::recipient_ok, 250, "2.1.5", "Recipient ok"},
    Row{Standard::cannot_vrfy, 252, "2.1.5", "Cannot VRFY user, but will accept message"},
    Row{Standard::start_input, 354, "", "End data with <CR><LF>.<CR><LF>"},
    Row{Standard::start_tls, 220, "2.0.0", "Ready to start TLS"},
    Row{Standard::timeout, 421, "4.4.2", "Error: timeout exceeded"},
    Row{Standard::shutting_down, 421, "4.3.2", "Service shutting down, try again later"},
    Row{Standard::too_many_errors, 421, "4.7.0", "Error: too many errors"},
    Row{Standard::local_error, 451, "4.3.0", "Error: queue file write error"},
    Row{Standard::next_hop_down, 451, "4.4.1", "Error: next hop not responding, try again later"},
    Row{Standard::policy_tempfail, 451, "4.7.1", "Error: temporarily unable to apply policy"},
    Row{Standard::too_many_recipients, 452, "4.5.3", "Error: too many recipients"},
    Row{Standard::line_too_long, 500, "5.5.2", "Error: line too long"},
    Row{Standard::unrecognised, 500, "5.5.2", "Error: command not recognized"},
    Row{Standard::syntax, 501, "5.5.4", "Syntax error in parameters or arguments"},
    Row{Standard::not_implemented, 502, "5.5.1", "Error: command not implemented"},
    Row{Standard::bad_sequence, 503, "5.5.1", "Error: bad sequence of commands"},
    Row{Standard::policy_reject, 550, "5.7.1", "Error: message refused by policy"},
    Row{Standard::message_too_big, 552, "5.3.4", "Error: message file too big"},
    Row{Standard::transaction_failed, 554, "5.5.0", "Error: transaction failed"},
    Row{Standard::unknown_parameter, 555, "5.5.4", "Error: unsupported parameter"},
};

const Row& row(Standard which) {
  for (const auto& r : kTable)
    if (r.which == which) return r;
  assert(false && "every Standard has a row");
  return kTable.front();
}

}  // namespace

std::string Reply::one_line() const {
  std::string out = std::to_string(code);
  if (!enhanced.empty()) out += " " + enhanced;
  for (const std::string& line : lines)
    if (!line.empty()) out += " " + line;
  return out;
}

std::string Reply::wire() const {
  std::string out;
  const std::string prefix = enhanced.empty() ? std::string{} : enhanced + " ";
  if (lines.empty()) return fmt::format("{} {}\r\n", code, enhanced);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const char separator = i + 1 < lines.size() ? '-' : ' ';
    out += fmt::format("{}{}{}{}\r\n", code, separator, prefix, lines[i]);
  }
  return out;
}

Reply standard(Standard which) {
  const Row& r = row(which);
  return Reply{r.code, std::string{r.enhanced}, {std::string{r.text}}};
}

Reply standard(Standard which, std::string text) {
  const Row& r = row(which);
  return Reply{r.code, std::string{r.enhanced}, {std::move(text)}};
}

}  // namespace galguard::smtp
