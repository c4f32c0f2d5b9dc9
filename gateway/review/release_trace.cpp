// X-Galguard-Released: the trace a released message carries, so its recipients' postmasters
// (and a later incident review) can see that it was held, by whom it was let go and why.
// The reason is typed by a person: it must not add header lines (no CR/LF reaches here) nor
// break the 998-octet line limit (RFC 5322 §2.1.1), and non-ASCII text is RFC 2047 encoded
// rather than sent raw in a header a 7-bit hop may refuse.
#include "gateway/review/release_trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "gateway/quarantine/unix_time.hpp"
#include "gateway/review/typed_text.hpp"
#include "rules/text/base64.hpp"

namespace galguard::review {
namespace {

constexpr std::string_view kFieldName = "X-Galguard-Released:";
constexpr std::size_t kLineLength = 78;  // RFC 5322 §2.1.1 "SHOULD"
// 45 bytes of UTF-8 are 60 characters of base64: with "=?UTF-8?B?" and "?=" 72, under the 75
// of RFC 2047 §2.
constexpr std::size_t kEncodedChunk = 45;

bool ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Encoded words never split a character (RFC 2047 §5: each word decodes on its own). Adjacent
// encoded words are joined without the folding white space between them when decoded, so the
// text's own spaces travel inside the words.
void append_encoded(std::vector<std::string>& words, std::string_view utf8) {
  std::size_t start = 0;
  while (start < utf8.size()) {
    std::size_t end = std::min(start + kEncodedChunk, utf8.size());
    while (end < utf8.size() && end > start &&
           (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80)
      --end;
    words.push_back("=?UTF-8?B?" + rules::base64_encode(utf8.substr(start, end - start)) + "?=");
    start = end;
  }
}

void append_text(std::vector<std::string>& words, std::string_view text) {
  if (!ascii(text)) {
    append_encoded(words, text);
    return;
  }
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// Folds between words: a line break is only ever inserted where a space was.
std::string fold(const std::vector<std::string>& words) {
  std::string out(kFieldName);
  std::size_t line = out.size();
  for (const std::string& word : words) {
    if (line + 1 + word.size() > kLineLength && line > kFieldName.size()) {
      out += "\r\n";
      line = 0;
    }
    out += ' ';
    out += word;
    line += 1 + word.size();
  }
  out += "\r\n";
  return out;
}

}  // namespace

std::string release_trace_field(const quarantine::HeldMessage& message, std::string_view actor,
                                std::int64_t released_at, std::string_view reason) {
  std::vector<std::string> words;
  append_text(words,
              fmt::format("held {} as {}; released by", quarantine::iso_time(message.received_at),
                          clean_text(message.id)));
  append_text(words, actor);
  append_text(words, fmt::format("at {}; reason:", quarantine::iso_time(released_at)));
  append_text(words, reason);
  return fold(words);
}

}  // namespace galguard::review
