// The next hop's replies (RFC 5321 §4.2): "250-first\r\n250 last\r\n" into smtp::Reply, with the
// RFC 3463 enhanced status split off the text. Incremental, so the connection can call it on
// whatever has arrived and read more when a reply is incomplete.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "gateway/smtp/reply.hpp"

namespace galguard::relay {

// RFC 5321 §4.5.3.1.5 asks for 512 octets per reply line; servers send longer ones, so accept
// those within a bound that still stops a hop that never ends a line.
inline constexpr std::size_t kMaxReplyLine = 4096;
// EHLO replies are the longest in practice, about twenty lines.
inline constexpr std::size_t kMaxReplyLines = 256;

struct ReplyParse {
  enum class Status { complete, incomplete, malformed };
  Status status = Status::incomplete;
  smtp::Reply reply;         // when complete
  std::size_t consumed = 0;  // when complete: the bytes of the buffer that made the reply
  std::string error;         // when malformed: what was wrong, for the log
};

// The first reply in buffer. Lines end in CRLF; a bare LF is tolerated as Postfix does.
ReplyParse parse_reply(std::string_view buffer);

// "5.1.1 text" → {"5.1.1", "text"} when the status's class agrees with the code (a 550 with
// "2.0.0" is text, not a status); otherwise {"", text}.
struct EnhancedSplit {
  std::string_view enhanced;
  std::string_view text;
};
EnhancedSplit split_enhanced(int code, std::string_view text);

}  // namespace galguard::relay
