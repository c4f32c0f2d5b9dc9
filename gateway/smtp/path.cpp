#include "gateway/smtp/path.hpp"

#include <cctype>

namespace galguard::smtp {
namespace {

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool is_utf8(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}

// RFC 5322 atext.
bool is_atext(char c) {
  if (is_alnum(c) || is_utf8(c)) return true;
  for (char special : std::string_view{"!#$%&'*+-/=?^_`{|}~"})
    if (c == special) return true;
  return false;
}

// A small cursor over the argument; each parse_* consumes on success and says whether it did.
struct Cursor {
  std::string_view text;
  std::size_t pos = 0;

  bool done() const { return pos >= text.size(); }
  char peek() const { return done() ? '\0' : text[pos]; }
  bool eat(char c) {
    if (peek() != c || done()) return false;
    ++pos;
    return true;
  }
};

// sub-domain = Let-dig [Ldh-str]: no leading or trailing hyphen.
bool parse_subdomain(Cursor& in) {
  const std::size_t start = in.pos;
  while (!in.done() && (is_alnum(in.peek()) || is_utf8(in.peek()) || in.peek() == '-'))
    ++in.pos;
  if (in.pos == start) return false;
  return in.text[start] != '-' && in.text[in.pos - 1] != '-';
}

bool parse_domain(Cursor& in) {
  if (!parse_subdomain(in)) return false;
  while (in.peek() == '.') {
    ++in.pos;
    if (!parse_subdomain(in)) return false;
  }
  return true;
}

// "[" ... "]" with printable content and no nested brackets; the IP itself is not checked
// here, because the gateway only records it.
bool parse_address_literal(Cursor& in) {
  if (!in.eat('[')) return false;
  const std::size_t start = in.pos;
  while (!in.done() && in.peek() != ']') {
    const char c = in.peek();
    if (c < 33 || c > 126 || c == '[' || c == '\\') return false;
    ++in.pos;
  }
  return in.pos > start && in.eat(']');
}

bool parse_dot_string(Cursor& in) {
  auto atom = [&] {
    const std::size_t start = in.pos;
    while (!in.done() && is_atext(in.peek()))
      ++in.pos;
    return in.pos > start;
  };
  if (!atom()) return false;
  while (in.peek() == '.') {
    ++in.pos;
    if (!atom()) return false;
  }
  return true;
}

// Quoted-string with qtextSMTP (%d32-33 / %d35-91 / %d93-126) and quoted-pairSMTP.
bool parse_quoted_string(Cursor& in) {
  if (!in.eat('"')) return false;
  while (!in.done()) {
    const char c = in.peek();
    if (c == '"') {
      ++in.pos;
      return true;
    }
    if (c == '\\') {
      ++in.pos;
      const char quoted = in.peek();
      if (in.done() || quoted < 32 || quoted > 126) return false;
    } else if (c < 32 || c == 127) {
      return false;
    }
    ++in.pos;
  }
  return false;
}

// A-d-l = At-domain *( "," At-domain ) ":"
bool skip_source_route(Cursor& in) {
  if (in.peek() != '@') return true;
  do {
    if (!in.eat('@') || !parse_domain(in)) return false;
  } while (in.eat(','));
  return in.eat(':');
}

}  // namespace

std::optional<ParsedPath> parse_path(std::string_view text, bool allow_null) {
  Cursor in{text};
  if (!in.eat('<')) return std::nullopt;
  if (in.eat('>')) {
    if (!allow_null) return std::nullopt;
    return ParsedPath{"", in.pos};
  }
  if (!skip_source_route(in)) return std::nullopt;
  const std::size_t mailbox_start = in.pos;
  const bool local_ok = in.peek() == '"' ? parse_quoted_string(in) : parse_dot_string(in);
  if (!local_ok) return std::nullopt;
  // RFC 5321 §4.5.1: "<Postmaster>" without a domain must be accepted as a recipient.
  if (!allow_null && in.peek() == '>') {
    std::string_view local = text.substr(mailbox_start, in.pos - mailbox_start);
    std::string lowered;
    for (char c : local)
      lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowered != "postmaster") return std::nullopt;
    in.eat('>');
    return ParsedPath{std::string{local}, in.pos};
  }
  if (!in.eat('@')) return std::nullopt;
  const bool domain_ok = in.peek() == '[' ? parse_address_literal(in) : parse_domain(in);
  if (!domain_ok) return std::nullopt;
  const std::size_t mailbox_end = in.pos;
  if (!in.eat('>')) return std::nullopt;
  return ParsedPath{std::string{text.substr(mailbox_start, mailbox_end - mailbox_start)}, in.pos};
}

bool is_domain_or_literal(std::string_view text) {
  Cursor in{text};
  const bool ok = in.peek() == '[' ? parse_address_literal(in) : parse_domain(in);
  return ok && in.done();
}

}  // namespace galguard::smtp
