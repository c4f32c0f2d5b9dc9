// Splits the bytes of an SMTP connection into lines. A line ends at LF; a CR before it is
// dropped, a CR anywhere else is data (RFC 5321 §2.3.8 forbids bare CR and LF, but refusing
// them breaks real clients, and galguard re-encodes every line it relays with CRLF, so a bare
// LF cannot end a message early at the next hop: no SMTP smuggling through us).
// Memory is bounded: a line longer than the limit is cut to limit+2 bytes (enough for the
// session to see it is too long) and the rest is dropped until its LF arrives.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace galguard::smtp {

class LineReader {
 public:
  explicit LineReader(std::size_t max_line) : keep_(max_line + 2) {}

  void feed(std::string_view bytes);
  // The next complete line without its line end; valid until the next call to feed() or next().
  std::optional<std::string_view> next();
  // Bytes received but not yet returned as a line.
  std::size_t buffered() const {
    return buffer_.size() - begin_ + (skipping_ ? overlong_.size() : 0);
  }
  // After STARTTLS, whatever the client sent in the clear before the handshake must not be
  // taken as commands (RFC 3207 §4.2, the 2011 STARTTLS command injection).
  void discard_buffered();

 private:
  std::size_t keep_;
  std::string buffer_;
  std::size_t begin_ = 0;  // first byte of the current line in buffer_
  std::size_t scan_ = 0;   // where the search for LF resumes
  std::string overlong_;   // the kept head of a line that outgrew keep_
  bool skipping_ = false;
};

}  // namespace galguard::smtp
