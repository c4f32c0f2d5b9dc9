// The data phase, after DATA's 354: collect → unstuff → check limits → hand over at ".".
#include "gateway/smtp/session.hpp"

namespace galguard::smtp {

DataLine Session::on_data_line(std::string_view line) {
  if (state_ != State::data) return {DataLine::Kind::refused, standard(Standard::bad_sequence)};
  if (line == ".") return finish_message();
  // RFC 5321 §4.5.2: a leading "." was doubled by the client; remove one.
  if (!line.empty() && line.front() == '.') line.remove_prefix(1);
  // Too long or too big: stop keeping bytes but read on to the "." so the dialogue stays in
  // step; the refusal can only be given as the reply to the end of data.
  if (line.size() > max_line_without_crlf()) message_line_too_long_ = true;
  if (message_.size() + line.size() + 2 > options_.limits.max_message_size) message_too_big_ = true;
  if (message_too_big_ || message_line_too_long_) {
    message_.clear();
    return {};
  }
  message_.append(line);
  message_.append("\r\n");
  return {};
}

DataLine Session::finish_message() {
  // An over-long line also tends to overflow a small size limit; the line is the protocol
  // error, so it is what we name.
  if (message_line_too_long_) {
    message_done();
    return {DataLine::Kind::refused,
            standard(Standard::line_too_long, "Error: message line too long")};
  }
  if (message_too_big_) {
    message_done();
    return {DataLine::Kind::refused,
            standard(Standard::message_too_big, "Error: message file too big")};
  }
  return {DataLine::Kind::complete, {}};
}

void Session::message_done() {
  state_ = State::greeted;
  reset_transaction();
  envelope_.xforward = {};
}

}  // namespace galguard::smtp
