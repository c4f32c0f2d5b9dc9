// The DATA content on the wire (RFC 5321 §4.5.2): a line that starts with "." gets another ".",
// every line ends in CRLF (a bare LF becomes CRLF), and "." CRLF ends the data. Streamed in
// chunks, so a message of tens of megabytes (a memory-mapped file) is never copied whole.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace galguard::relay {

class DotStuffer {
 public:
  explicit DotStuffer(std::string_view message) : message_(message) {}

  // Appends the next piece of the stuffed message to out, stopping once out holds about
  // `limit` bytes (a few more for a stuffed dot or the terminator). The last piece ends with
  // the terminator.
  void next(std::string& out, std::size_t limit);
  bool done() const { return finished_; }

 private:
  std::string_view message_;
  std::size_t position_ = 0;
  bool at_line_start_ = true;
  bool finished_ = false;
};

// The whole stuffed message with its terminator, for small messages and tests.
std::string dot_stuff(std::string_view message);

}  // namespace galguard::relay
