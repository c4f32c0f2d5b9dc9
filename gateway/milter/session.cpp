#include "gateway/milter/session.hpp"

#include <fmt/format.h>

#include <cassert>

#include "gateway/milter/reply.hpp"

namespace galguard::milter {

namespace {

Outcome close_with(std::string error) {
  Outcome step;
  step.close = true;
  step.error = std::move(error);
  return step;
}

// The MTA writes "[192.0.2.1]" (Sendmail) or "unknown" (Postfix) when the client has no name.
std::string client_name(const std::string& hostname) {
  if (hostname.empty() || hostname == "unknown" || hostname.front() == '[') return "";
  return hostname;
}

// Header values arrive with bare LF between folded lines (the MTA's own storage form).
void append_crlf(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out.push_back('\r');
    out.push_back(text[i]);
  }
}

}  // namespace

Wanted wanted(const SessionOptions& options) {
  Wanted w;
  w.actions = options.add_headers ? action::add_headers : 0;
  w.used = step_bit(Step::connect) | step_bit(Step::helo) | step_bit(Step::mail) |
           step_bit(Step::rcpt) | step_bit(Step::header) | step_bit(Step::body);
  // Nothing before the end of message is refused: one decision per message, on all of it.
  w.replied = 0;
  w.header_leading_space = true;
  // The envelope comes from MAIL and RCPT themselves and the client from CONNECT: of the
  // macros only the queue id, once, for the log line. Postfix's defaults would add a macro
  // packet before connect, MAIL and RCPT (a dozen values per message, each encoded by smtpd and
  // decoded here).
  w.macros = {{macro_stage::eom, "i"}};
  return w;
}

Session::Session(SessionOptions options) : options_(options) {}

Outcome Session::on_packet(const Packet& packet) {
  Decoded<Command> decoded = decode(packet);
  if (auto* error = std::get_if<Error>(&decoded)) return close_with(std::move(error->message));
  Command& command = std::get<Command>(decoded);
  if (!negotiation_ && !std::holds_alternative<OptNeg>(command) &&
      !std::holds_alternative<Quit>(command))
    return close_with(fmt::format("milter command '{}' before option negotiation", packet.command));
  if (awaiting_decision_)
    return close_with(
        fmt::format("milter command '{}' before the end of message was answered", packet.command));
  return std::visit([this](const auto& c) { return on(c); }, command);
}

Outcome Session::proceed(milter::Step step) const {
  Outcome out;
  if (negotiation_ && negotiation_->needs_reply(step)) out.replies.push_back(reply_continue());
  return out;
}

bool Session::take(std::size_t bytes) {
  message_.size += bytes;
  if (!message_.too_big && message_.size > options_.max_message_size) {
    message_.too_big = true;
    message_.headers = {};
    message_.body = {};
  }
  return !message_.too_big;
}

void Session::reset_message() {
  message_ = {};
  in_message_ = false;
}

Outcome Session::on(const OptNeg& command) {
  auto negotiated = negotiate(command, wanted(options_));
  if (auto* error = std::get_if<Error>(&negotiated)) return close_with(std::move(error->message));
  negotiation_ = std::get<Negotiation>(std::move(negotiated));
  Outcome out;
  out.replies.push_back(reply_optneg(*negotiation_));
  return out;
}

Outcome Session::on(const Macros& command) {
  if (auto id = command.find("i"); id && !id->empty()) message_.queue_id = std::string(*id);
  pending_ = command;
  return {};  // macros are never answered
}

Outcome Session::on(const Connect& command) {
  reset_message();
  client_ = {client_name(command.hostname), command.address, ""};
  return proceed(milter::Step::connect);
}

Outcome Session::on(const Helo& command) {
  client_.helo = command.name;
  return proceed(milter::Step::helo);
}

Outcome Session::on(const Mail& command) {
  // The queue id may come with MAIL's own macros, just before it.
  std::string queue_id = std::move(message_.queue_id);
  reset_message();
  message_.queue_id = std::move(queue_id);
  in_message_ = true;
  std::string_view address = bare_address(command.address);
  if (address.empty() && pending_.for_command == command::mail)
    address = pending_.find("{mail_addr}").value_or("");
  message_.sender = std::string(address);
  return proceed(milter::Step::mail);
}

Outcome Session::on(const Rcpt& command) {
  in_message_ = true;
  std::string_view address = bare_address(command.address);
  if (address.empty() && pending_.for_command == command::rcpt)
    address = pending_.find("{rcpt_addr}").value_or("");
  message_.recipients.emplace_back(address);
  return proceed(milter::Step::rcpt);
}

Outcome Session::on(const Header& command) {
  // ": " and CRLF as in bytes(), so the limit counts what judge() would get.
  if (take(command.name.size() + command.value.size() + 4)) message_.headers.push_back(command);
  return proceed(milter::Step::header);
}

Outcome Session::on(const EndOfHeaders&) {
  return proceed(milter::Step::eoh);
}

Outcome Session::on(const Body& command) {
  if (take(command.bytes.size())) message_.body += command.bytes;
  return proceed(milter::Step::body);
}

Outcome Session::on(const EndOfMessage& command) {
  if (take(command.body.size())) message_.body += command.body;
  awaiting_decision_ = true;
  Outcome out;
  out.end_of_message = true;
  return out;
}

Outcome Session::on(const Abort&) {
  reset_message();
  return {};  // the MTA does not wait for an answer to abort
}

Outcome Session::on(const Quit& command) {
  reset_message();
  if (!command.new_connection) {
    Outcome out;
    out.close = true;
    return out;
  }
  // SMFIC_QUIT_NC: the MTA reuses this connection for another client.
  client_ = {};
  return {};
}

Outcome Session::on(const Data&) {
  return proceed(milter::Step::data);
}

Outcome Session::on(const Unknown&) {
  return proceed(milter::Step::unknown);
}

std::vector<Packet> Session::finish_message(const Decision& decision) {
  assert(awaiting_decision_);
  std::vector<Packet> replies;
  const auto coded = [&decision](Packet fallback) {
    if (decision.code == 0) return fallback;
    auto packet = reply_code(decision.code, decision.enhanced, decision.text);
    // A reply galguard cannot send as given is still a refusal: the MTA's own text then.
    if (auto* p = std::get_if<Packet>(&packet)) return std::move(*p);
    return fallback;
  };
  switch (decision.kind) {
    case Decision::Kind::accept: {
      const bool may_add =
          negotiation_ && (negotiation_->chosen.actions & action::add_headers) != 0;
      if (decision.add_header && may_add) {
        // With SMFIP_HDR_LEADSPC the MTA writes "Name:" and the value as given, both ways.
        const std::string value = (negotiation_->chosen.protocol & flag::header_leading_space)
                                      ? " " + decision.add_header->value
                                      : decision.add_header->value;
        auto header = reply_add_header(decision.add_header->name, value);
        if (auto* p = std::get_if<Packet>(&header)) replies.push_back(std::move(*p));
      }
      replies.push_back(reply_accept());
      break;
    }
    case Decision::Kind::discard:
      replies.push_back(reply_discard());
      break;
    case Decision::Kind::tempfail:
      replies.push_back(coded(reply_tempfail()));
      break;
    case Decision::Kind::refuse:
      replies.push_back(coded(reply_reject()));
      break;
  }
  awaiting_decision_ = false;
  reset_message();
  return replies;
}

std::string Session::bytes() const {
  const bool leading_space =
      negotiation_ && (negotiation_->chosen.protocol & flag::header_leading_space) != 0;
  std::string out;
  out.reserve(message_.size + 2 * message_.headers.size() + 2);
  for (const Header& header : message_.headers) {
    out += header.name;
    out += leading_space ? ":" : ": ";
    append_crlf(out, header.value);
    out += "\r\n";
  }
  out += "\r\n";
  out += message_.body;
  return out;
}

}  // namespace galguard::milter
