#include "gateway/relay/dot_stuff.hpp"

#include <algorithm>

namespace galguard::relay {

void DotStuffer::next(std::string& out, std::size_t limit) {
  while (!finished_ && out.size() < limit && position_ < message_.size()) {
    if (at_line_start_ && message_[position_] == '.') out += '.';
    at_line_start_ = false;
    const std::size_t newline = message_.find('\n', position_);
    const std::size_t line_end = newline == std::string_view::npos ? message_.size() : newline;
    const std::size_t room = limit > out.size() ? limit - out.size() : 0;
    const std::size_t end = std::min(line_end, position_ + std::max<std::size_t>(room, 1));
    out.append(message_.substr(position_, end - position_));
    position_ = end;
    if (position_ == newline) {
      // The CR may already be out (CRLF in the message); a bare LF gets one.
      if (position_ == 0 || message_[position_ - 1] != '\r') out += '\r';
      out += '\n';
      ++position_;
      at_line_start_ = true;
    }
  }
  if (!finished_ && position_ == message_.size()) {
    // The terminator is CRLF "." CRLF, where the first CRLF ends the last line: add it when
    // the message does not end with one (or ends with a lone CR).
    if (at_line_start_) {
      out += ".\r\n";
    } else if (message_.ends_with('\r')) {
      out += "\n.\r\n";
    } else {
      out += "\r\n.\r\n";
    }
    finished_ = true;
  }
}

std::string dot_stuff(std::string_view message) {
  std::string out;
  DotStuffer stuffer(message);
  while (!stuffer.done())
    stuffer.next(out, out.size() + 64 * 1024);
  return out;
}

}  // namespace galguard::relay
