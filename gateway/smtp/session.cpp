// The command phase: the verb table and one handler per verb. The data phase is in
// session_data.cpp.
#include "gateway/smtp/session.hpp"

#include <fmt/format.h>

namespace galguard::smtp {
namespace {

using State = Session::State;

constexpr unsigned bit(State state) {
  return 1u << static_cast<unsigned>(state);
}
constexpr unsigned kGreeted = bit(State::greeted);
constexpr unsigned kInTransaction = bit(State::mail) | bit(State::rcpt);
constexpr unsigned kAnyCommandState = bit(State::connected) | kGreeted | kInTransaction;

}  // namespace

// One row per verb, as OpenSMTPD's commands[] and Postfix's smtpd_cmd_table[]: the states in
// which the verb may come, and what it does. A verb in the wrong state is 503 5.5.1.
struct Session::Verb {
  std::string_view name;
  unsigned allowed_states;
  Reply (Session::*handler)(const Command&);
};

const std::vector<Session::Verb>& Session::verbs() {
  static const std::vector<Verb> table{
      {"EHLO", kAnyCommandState, &Session::ehlo},
      {"HELO", kAnyCommandState, &Session::helo},
      {"MAIL", kGreeted, &Session::mail},
      {"RCPT", kInTransaction, &Session::rcpt},
      {"DATA", bit(State::rcpt), &Session::data},
      {"RSET", kAnyCommandState, &Session::rset},
      {"NOOP", kAnyCommandState, &Session::noop},
      {"QUIT", kAnyCommandState, &Session::quit},
      {"VRFY", kAnyCommandState, &Session::vrfy},
      {"HELP", kAnyCommandState, &Session::help},
      // Postfix sends XFORWARD before MAIL; changing the client mid-transaction makes no sense.
      {"XFORWARD", bit(State::connected) | kGreeted, &Session::xforward},
      {"STARTTLS", bit(State::connected) | kGreeted, &Session::starttls},
      // Known verbs we choose not to offer: 502, not 500, tells the client it spelled it right.
      {"EXPN", kAnyCommandState, &Session::not_implemented},
      {"ETRN", kAnyCommandState, &Session::not_implemented},
      {"TURN", kAnyCommandState, &Session::not_implemented},
      {"BDAT", kAnyCommandState, &Session::not_implemented},
      {"AUTH", kAnyCommandState, &Session::not_implemented},
      {"XCLIENT", kAnyCommandState, &Session::not_implemented},
  };
  return table;
}

Session::Session(Options options) : options_(std::move(options)), message_(options_.spool) {}

Reply Session::greeting() const {
  return standard(Standard::greeting, options_.hostname + " ESMTP galguard");
}

Reply Session::on_line(std::string_view line) {
  if (state_ == State::closed || state_ == State::data) return standard(Standard::bad_sequence);
  if (line.size() > max_line_without_crlf()) return standard(Standard::line_too_long);
  const Command command = split_command(line);
  for (const Verb& verb : verbs()) {
    if (verb.name != command.verb) continue;
    if ((verb.allowed_states & bit(state_)) == 0) return standard(Standard::bad_sequence);
    return (this->*verb.handler)(command);
  }
  return standard(Standard::unrecognised);
}

void Session::on_tls_started() {
  tls_requested_ = false;
  tls_active_ = true;
  state_ = State::connected;
  envelope_ = Envelope{};
  reset_transaction();
}

std::optional<Reply> Session::greet(const Command& command, bool esmtp) {
  auto helo = parse_helo(command.argument);
  if (auto* error = std::get_if<Reply>(&helo)) return std::move(*error);
  // RFC 5321 §4.1.4: EHLO/HELO in a transaction acts as RSET.
  reset_transaction();
  envelope_.helo = std::move(std::get<std::string>(helo));
  envelope_.esmtp = esmtp;
  state_ = State::greeted;
  return std::nullopt;
}

Reply Session::ehlo(const Command& command) {
  if (auto error = greet(command, true)) return std::move(*error);
  std::vector<std::string> lines{options_.hostname, "PIPELINING",
                                 fmt::format("SIZE {}", options_.limits.max_message_size)};
  if (options_.starttls && !tls_active_) lines.emplace_back("STARTTLS");
  for (const char* extension : {"ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8",
                                "XFORWARD NAME ADDR PORT PROTO HELO IDENT SOURCE"})
    lines.emplace_back(extension);
  // No enhanced status on EHLO lines: clients parse them as keywords (RFC 2034 §3).
  return Reply{250, "", std::move(lines)};
}

Reply Session::helo(const Command& command) {
  if (auto error = greet(command, false)) return std::move(*error);
  return Reply{250, "", {options_.hostname}};
}

Reply Session::mail(const Command& command) {
  auto parsed = parse_mail(command.argument);
  if (auto* error = std::get_if<Reply>(&parsed)) return std::move(*error);
  auto& mail = std::get<MailFrom>(parsed);
  // RFC 1870 §6.2: refuse at MAIL what could never be accepted after DATA.
  if (mail.parameters.size && *mail.parameters.size > options_.limits.max_message_size)
    return standard(Standard::message_too_big, "Error: message size exceeds fixed limit");
  reset_transaction();
  envelope_.sender = std::move(mail.sender);
  envelope_.parameters = mail.parameters;
  state_ = State::mail;
  return standard(Standard::sender_ok);
}

Reply Session::rcpt(const Command& command) {
  if (envelope_.recipients.size() >= options_.limits.max_recipients)
    return standard(Standard::too_many_recipients);
  auto parsed = parse_rcpt(command.argument);
  if (auto* error = std::get_if<Reply>(&parsed)) return std::move(*error);
  envelope_.recipients.push_back(std::move(std::get<RcptTo>(parsed).recipient));
  state_ = State::rcpt;
  return standard(Standard::recipient_ok);
}

Reply Session::data(const Command& command) {
  if (!command.argument.empty()) return standard(Standard::syntax, "Syntax: DATA");
  message_.clear();
  message_too_big_ = false;
  message_line_too_long_ = false;
  state_ = State::data;
  return standard(Standard::start_input);
}

Reply Session::rset(const Command& command) {
  if (!command.argument.empty()) return standard(Standard::syntax, "Syntax: RSET");
  reset_transaction();
  envelope_.xforward = {};
  return standard(Standard::ok);
}

Reply Session::noop(const Command&) {
  return standard(Standard::ok);
}

Reply Session::quit(const Command&) {
  state_ = State::closed;
  return standard(Standard::bye);
}

// We relay for others and must not reveal who exists (RFC 5321 §3.5.3 allows 252).
Reply Session::vrfy(const Command& command) {
  if (command.argument.empty()) return standard(Standard::syntax, "Syntax: VRFY address");
  return standard(Standard::cannot_vrfy);
}

Reply Session::help(const Command&) {
  return standard(Standard::help);
}

Reply Session::xforward(const Command& command) {
  auto parsed = parse_xforward(command.argument, envelope_.xforward);
  if (auto* error = std::get_if<Reply>(&parsed)) return std::move(*error);
  envelope_.xforward = std::move(std::get<Xforward>(parsed));
  return standard(Standard::ok);
}

Reply Session::starttls(const Command& command) {
  if (!options_.starttls || tls_active_) return standard(Standard::not_implemented);
  if (!command.argument.empty()) return standard(Standard::syntax, "Syntax: STARTTLS");
  tls_requested_ = true;
  return standard(Standard::start_tls);
}

Reply Session::not_implemented(const Command&) {
  return standard(Standard::not_implemented);
}

// Ends the mail transaction but keeps what describes the connection (HELO) and the XFORWARD
// attributes, which Postfix sends before MAIL; those belong to one message and are dropped
// after it is done (finish_message) or on RSET.
void Session::reset_transaction() {
  envelope_.sender.clear();
  envelope_.recipients.clear();
  envelope_.parameters = {};
  if (state_ == State::mail || state_ == State::rcpt || state_ == State::data)
    state_ = State::greeted;
  message_.clear();
}

}  // namespace galguard::smtp
