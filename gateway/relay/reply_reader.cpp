#include "gateway/relay/reply_reader.hpp"

#include <fmt/format.h>

namespace galguard::relay {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// 1 to 3 digits starting at text[at]; returns how many.
std::size_t digits(std::string_view text, std::size_t at) {
  std::size_t n = 0;
  while (at + n < text.size() && n < 4 && digit(text[at + n]))
    ++n;
  return n <= 3 ? n : 0;
}

ReplyParse malformed(std::string error) {
  ReplyParse result;
  result.status = ReplyParse::Status::malformed;
  result.error = std::move(error);
  return result;
}

// What a printable excerpt of a bad line looks like in the log.
std::string excerpt(std::string_view line) {
  std::string out;
  for (char c : line.substr(0, 60)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 32 && u < 127) ? c : '?';
  }
  return out;
}

}  // namespace

EnhancedSplit split_enhanced(int code, std::string_view text) {
  // class "." subject "." detail, RFC 3463 §2: class is 2, 4 or 5, the others 1-3 digits.
  const char cls = static_cast<char>('0' + code / 100);
  if (cls != '2' && cls != '4' && cls != '5') return {{}, text};
  if (text.size() < 5 || text[0] != cls || text[1] != '.') return {{}, text};
  const std::size_t subject = digits(text, 2);
  if (subject == 0 || 2 + subject >= text.size() || text[2 + subject] != '.') return {{}, text};
  const std::size_t detail_at = 3 + subject;
  const std::size_t detail = digits(text, detail_at);
  if (detail == 0) return {{}, text};
  const std::size_t end = detail_at + detail;
  if (end < text.size() && text[end] != ' ') return {{}, text};
  const std::string_view rest = end < text.size() ? text.substr(end + 1) : std::string_view{};
  return {text.substr(0, end), rest};
}

ReplyParse parse_reply(std::string_view buffer) {
  ReplyParse result;
  std::size_t at = 0;
  int code = 0;
  std::vector<std::string_view> texts;
  for (;;) {
    const std::size_t newline = buffer.find('\n', at);
    if (newline == std::string_view::npos) {
      if (buffer.size() - at > kMaxReplyLine) return malformed("reply line too long");
      return result;  // incomplete
    }
    std::string_view line = buffer.substr(at, newline - at);
    if (line.size() > kMaxReplyLine) return malformed("reply line too long");
    if (line.ends_with('\r')) line.remove_suffix(1);
    at = newline + 1;

    // RFC 5321 §4.2: three digits, the first 2-5, the second 0-5; then "-" on all but the
    // last line, " " or nothing on the last.
    if (line.size() < 3 || !digit(line[0]) || !digit(line[1]) || !digit(line[2]) || line[0] < '2' ||
        line[0] > '5' || line[1] > '5')
      return malformed(fmt::format("not a reply line: \"{}\"", excerpt(line)));
    const int line_code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (code != 0 && line_code != code)
      return malformed(
          fmt::format("reply code changed from {} to {} within one reply", code, line_code));
    code = line_code;
    const char separator = line.size() > 3 ? line[3] : ' ';
    if (separator != '-' && separator != ' ')
      return malformed(fmt::format("not a reply line: \"{}\"", excerpt(line)));
    texts.push_back(line.size() > 4 ? line.substr(4) : std::string_view{});
    if (texts.size() > kMaxReplyLines) return malformed("reply has too many lines");
    if (separator == ' ') break;
  }

  result.status = ReplyParse::Status::complete;
  result.consumed = at;
  result.reply.code = code;
  // RFC 2034 puts the status on every line; take it from the first and strip it wherever it
  // repeats, so Reply::wire() gives back what the hop said.
  const std::string_view enhanced = split_enhanced(code, texts.front()).enhanced;
  result.reply.enhanced = std::string{enhanced};
  for (std::string_view text : texts) {
    if (!enhanced.empty()) {
      const EnhancedSplit split = split_enhanced(code, text);
      if (split.enhanced == enhanced) text = split.text;
    }
    result.reply.lines.emplace_back(text);
  }
  return result;
}

}  // namespace galguard::relay
