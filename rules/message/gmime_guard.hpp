// A guard in front of GMime's parser for defects of GMime 3.2.13 (Debian 12) that a message's
// bytes alone reach:
// - it copies the charset name of an RFC 2047 word or RFC 2231 parameter onto the stack
//   (g_alloca) at any length, so one multi-megabyte header field overflows the stack;
// - it parses a group inside a group by recursion ("To: g:g:g:...;;;"), one level per ':';
// - it leaks the address it has read when a comment after it is never closed ("To: a@b (x"),
//   fixed upstream after 3.2.13 (GMime issue #159); a sender could grow the gateway by it.
// A header field is one logical line to GMime: a line plus the lines after it that begin with
// a space or tab. Capping every logical line, and the colons of every address header field,
// bounds the first two, and closing every comment an address header field leaves open ends
// the third, in whichever header block (message, part, forwarded message) the field sits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::rules {

struct GuardLimits {
  // Far above any real header field (RFC 5322 lines stop at 998 bytes; 25,000 recipients
  // fit), while GMime's two stack copies of it still fit a default 8 MiB thread stack.
  std::size_t max_logical_line = std::size_t{1} << 20;
  // Group nesting is at most the number of colons. Real address fields hold a handful
  // (a group or two, an obsolete route); GMime needs well under 1 KiB of stack per level.
  std::size_t max_address_colons = 256;
};

// The end (one past its last '\n', or raw.size()) of the logical line starting at begin.
std::size_t logical_line_end(std::string_view raw, std::size_t begin);

// Why a line was cut, as a phrase for the sender (UnreadableHeader::reason).
inline constexpr std::string_view kPastGuardLimit =
    "it is past a limit of what galguard reads (a 1 MiB header line or 256 ':' in an address "
    "header)";

struct GuardedLine {
  std::size_t offset = 0;     // where the changed line starts in the returned text
  std::string_view original;  // the line as raw has it
  // kPastGuardLimit, or "" when only comments were closed: the field is then read and judged
  // as written, its comments closed again for GMime (with_comments_closed).
  std::string_view reason;
};

// An unfolded address value as GMime reads it (up to its first NUL), with the comments it
// might leave open closed as guard_for_gmime closes them: what internet_address_list_parse
// may be given.
std::string with_comments_closed(std::string_view value);

// raw with each over-long logical line cut to its first max_logical_line bytes (its own line
// ending kept), colons past the limit in address header fields (From, Sender, To, Cc, Bcc,
// Reply-To and their Resent- forms) turned into spaces, and, in such a field, every comment
// GMime might leave open closed (" )" where GMime's reading of it ends; a '(' with no ')' after
// it, even inside a quoted name). std::nullopt when nothing needed changing, so the common
// case copies nothing.
// A changed line no longer says what the message says: `changed`, when given, receives each
// line changed, so that a recipient header there is judged by what the message says (or,
// when cut, reported unreadable) rather than by its changed form.
std::optional<std::string> guard_for_gmime(std::string_view raw, const GuardLimits& limits = {},
                                           std::vector<GuardedLine>* changed = nullptr);

}  // namespace galguard::rules
