#include "rules/message/html_text.hpp"
#include "rules/text/utf8.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

namespace galguard::rules {
namespace {

constexpr std::array<std::string_view, 30> kBlockTags = {
    "address", "article", "blockquote", "br",    "dd", "div",    "dl",    "dt",    "footer", "h1",
    "h2",      "h3",      "h4",         "h5",    "h6", "header", "hr",    "li",    "ol",     "p",
    "pre",     "section", "table",      "tbody", "td", "th",     "thead", "title", "tr",     "ul",
};

// The entities mail clients actually write, Nordic letters included (the detectors' term lists
// are Swedish, Danish and Norwegian). Anything else stays as written.
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> kEntities = {{
    {"amp", "&"},    {"lt", "<"},    {"gt", ">"},     {"quot", "\""},  {"apos", "'"},
    {"nbsp", " "},   {"shy", ""},    {"ndash", "–"},  {"mdash", "—"},  {"hellip", "…"},
    {"laquo", "«"},  {"raquo", "»"}, {"euro", "€"},   {"copy", "©"},   {"aring", "å"},
    {"Aring", "Å"},  {"auml", "ä"},  {"Auml", "Ä"},   {"ouml", "ö"},   {"Ouml", "Ö"},
    {"aelig", "æ"},  {"AElig", "Æ"}, {"oslash", "ø"}, {"Oslash", "Ø"}, {"eacute", "é"},
    {"Eacute", "É"}, {"uuml", "ü"},  {"Uuml", "Ü"},   {"szlig", "ß"},  {"rsquo", "’"},
    {"lsquo", "‘"},  {"ldquo", "“"},
}};

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::size_t find_nocase(std::string_view text, std::string_view needle, std::size_t from) {
  for (std::size_t i = from; i + needle.size() <= text.size(); ++i) {
    if (starts_with_nocase(text.substr(i), needle)) return i;
  }
  return std::string_view::npos;
}

// Decodes the entity at html[at] == '&' into out; returns the index after it, or at when the
// text there is not an entity (the '&' is then an ordinary character).
std::size_t decode_entity(std::string_view html, std::size_t at, std::string& out) {
  std::size_t i = at + 1;
  if (i < html.size() && html[i] == '#') {
    ++i;
    const bool hex = i < html.size() && (html[i] == 'x' || html[i] == 'X');
    if (hex) ++i;
    const std::size_t digits_start = i;
    std::uint32_t value = 0;
    while (i < html.size() && (hex ? std::isxdigit(static_cast<unsigned char>(html[i]))
                                   : std::isdigit(static_cast<unsigned char>(html[i])))) {
      const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
      const std::uint32_t digit =
          c <= '9' ? static_cast<std::uint32_t>(c - '0') : static_cast<std::uint32_t>(c - 'a' + 10);
      if (value <= 0x10FFFF) value = value * (hex ? 16 : 10) + digit;  // saturates past the range
      ++i;
    }
    if (i == digits_start) return at;
    if (i < html.size() && html[i] == ';') ++i;
    append_utf8(out, value);
    return i;
  }
  const std::size_t name_start = i;
  while (i < html.size() && i - name_start < 8 &&
         std::isalnum(static_cast<unsigned char>(html[i]))) {
    ++i;
  }
  if (i >= html.size() || html[i] != ';') return at;
  const std::string_view name = html.substr(name_start, i - name_start);
  for (const auto& [entity, text] : kEntities) {
    if (entity == name) {
      out += text;
      return i + 1;
    }
  }
  return at;
}

// The index after the '>' that closes the tag opened at html[at], honouring quoted attribute
// values; html.size() when the tag never closes.
std::size_t tag_end(std::string_view html, std::size_t at) {
  char quote = 0;
  for (std::size_t i = at + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return html.size();
}

std::string tag_name(std::string_view tag) {
  std::size_t i = 1;  // after '<'
  if (i < tag.size() && tag[i] == '/') ++i;
  std::string name;
  while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(tag[i])));
    ++i;
  }
  return name;
}

bool is_block_tag(std::string_view name) {
  for (std::string_view block : kBlockTags) {
    if (block == name) return true;
  }
  return false;
}

bool opens_tag(std::string_view html, std::size_t at) {
  if (at + 1 >= html.size()) return false;
  const unsigned char next = static_cast<unsigned char>(html[at + 1]);
  return std::isalpha(next) || next == '/' || next == '!' || next == '?';
}

// Runs of spaces and tabs become one space, runs holding a line break become one line break.
std::string collapse_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f') {
      out += c;
      ++i;
      continue;
    }
    bool line_break = false;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                               text[i] == '\n' || text[i] == '\f')) {
      line_break = line_break || text[i] == '\n' || text[i] == '\r';
      ++i;
    }
    if (!out.empty() && i < text.size()) out += line_break ? '\n' : ' ';
  }
  return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '&') {
      const std::size_t next = decode_entity(html, i, text);
      if (next != i) {
        i = next;
        continue;
      }
    } else if (c == '<' && opens_tag(html, i)) {
      if (starts_with_nocase(html.substr(i), "<!--")) {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = tag_end(html, i);
      const std::string_view tag = html.substr(i, end - i);
      const std::string name = tag_name(tag);
      const bool closing = tag.size() > 1 && tag[1] == '/';
      i = end;
      if (!closing && (name == "script" || name == "style")) {
        const std::size_t close = find_nocase(html, "</" + name, i);
        i = close == std::string_view::npos ? html.size() : tag_end(html, close);
      }
      if (is_block_tag(name)) text += '\n';
      continue;
    }
    text += c;
    ++i;
  }
  return collapse_space(text);
}

}  // namespace galguard::rules
