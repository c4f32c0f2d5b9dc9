#include "rules/message/address_syntax.hpp"

namespace galguard::rules {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool is_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t') || byte == 0x7F;
}

std::string control_problem(unsigned char byte) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string text = "a control character (\\x";
  text += kHex[byte >> 4];
  text += kHex[byte & 0xF];
  return text + ")";
}

// The addr-spec inside <...>, without an obsolete route ("@relay:"), must have a local part
// and a domain.
bool is_complete_addr_spec(std::string_view inside) {
  if (inside.starts_with('@')) {
    const std::size_t colon = inside.find(':');
    inside = colon == std::string_view::npos ? std::string_view() : inside.substr(colon + 1);
  }
  const std::size_t at = inside.rfind('@');
  return at != std::string_view::npos && at > 0 && at + 1 < inside.size();
}

// One pass over the value with the state RFC 5322 needs to find list elements: quoted strings,
// nested comments, domain literals, angle addresses and groups.
class Scanner {
 public:
  explicit Scanner(std::string_view value) : v_(value) {}

  AddressListShape run() {
    for (const char c : v_) {
      if (is_control(static_cast<unsigned char>(c))) {
        problem(control_problem(static_cast<unsigned char>(c)));
        break;
      }
    }
    std::size_t i = 0;
    while (i < v_.size())
      i = step(i);
    if (in_angle_) problem("a '<' that is not closed");
    end_element();
    flush_names();
    return std::move(shape_);
  }

 private:
  struct Element {
    std::size_t start = 0;
    bool content = false;      // anything but white space and comments
    int angles = 0;            // <...> seen
    bool after_angle = false;  // a '>' closed the element's angle address
    int ats = 0;               // '@' outside quotes, literals and angles
    bool gap = false;          // white space or a comment since the last word
    bool last_was_word = false;
    bool words_apart = false;   // two words with only white space between (no '@' or '.')
    bool after_quote = false;   // the last thing was a quoted string
    bool quote_joined = false;  // a quoted string touching another word, no '.' between
    bool literal = false;       // a [domain literal] outside angles
  };

  void problem(std::string text) {
    if (shape_.problem.empty()) shape_.problem = std::move(text);
  }

  // Index after the closing quote; v_.size() when it is missing.
  std::size_t skip_quoted(std::size_t i) {
    for (++i; i < v_.size(); ++i) {
      if (v_[i] == '\\') {
        ++i;
      } else if (v_[i] == '"') {
        return i + 1;
      }
    }
    problem("a quoted name that is not closed");
    return v_.size();
  }

  std::size_t skip_comment(std::size_t i) {
    const std::size_t begin = i;
    int depth = 0;
    for (; i < v_.size(); ++i) {
      if (v_[i] == '\\') {
        ++i;
      } else if (v_[i] == '(') {
        ++depth;
      } else if (v_[i] == ')' && --depth == 0) {
        shape_.name_ranges.push_back({begin, i + 1});
        return i + 1;
      }
    }
    problem("a comment '(' that is not closed");
    return v_.size();
  }

  std::size_t skip_literal(std::size_t i) {
    for (++i; i < v_.size(); ++i) {
      if (v_[i] == '\\') {
        ++i;
      } else if (v_[i] == ']') {
        return i + 1;
      }
    }
    problem("a '[' that is not closed");
    return v_.size();
  }

  // A word: an atom run, a quoted string or a domain literal.
  void word() {
    if (el_.after_angle && !in_angle_) problem("text after the address in <>");
    if (!in_angle_ && el_.angles == 0 && el_.last_was_word && el_.gap) el_.words_apart = true;
    el_.content = true;
    el_.last_was_word = true;
    el_.gap = false;
    el_.after_quote = false;
    if (stray_semicolon_) problem("a ';' outside a group that ends the list early");
  }

  void joiner() {  // '@' or '.' between words
    if (el_.after_angle && !in_angle_) problem("text after the address in <>");
    el_.content = true;
    el_.last_was_word = false;
    el_.after_quote = false;
    el_.gap = false;
    if (stray_semicolon_) problem("a ';' outside a group that ends the list early");
  }

  // Tools that do not quote write "Andersson, Anna <anna@x.se>"; GMime, like mail clients,
  // reads the words before the comma as part of the next angle address's display name. So a
  // run of name-only elements directly before an angle address is one mailbox with it; any
  // other element without '@' is an address without one.
  void end_element() {
    const bool name_only = el_.content && el_.angles == 0 && el_.ats == 0 && !el_.literal;
    if (!el_.content) {
      flush_names();
    } else if (name_only) {
      ++pending_names_;
    } else if (el_.angles > 0) {
      pending_names_ = 0;
      ++shape_.mailboxes;
    } else {
      flush_names();
      ++shape_.mailboxes;
      if (el_.ats == 0) problem("an address without '@'");
      if (el_.ats > 1) problem("two addresses without a comma between them");
      if (el_.words_apart) problem("a name without '<' '>' around the address");
      // A local part is words joined by '.' (RFC 5322 §3.4.1). GMime gives up on
      // '"a, b@c"d@e' and resumes inside the quotes, reading an address the MTA does not.
      if (el_.quote_joined) problem("a quoted part joined to other text in an address");
    }
    el_ = Element{};
  }

  void flush_names() {
    if (pending_names_ == 0) return;
    problem("an address without '@'");
    shape_.mailboxes += pending_names_;
    pending_names_ = 0;
  }

  std::size_t step(std::size_t i) {
    const char c = v_[i];
    if (in_angle_) return step_in_angle(i);
    switch (c) {
      case ' ':
      case '\t':
        el_.gap = true;
        return i + 1;
      case '(':
        el_.gap = true;
        return skip_comment(i);
      case ')':
        problem("a ')' without '('");
        return i + 1;
      case '"': {
        const bool touching = el_.last_was_word && !el_.gap;
        word();
        el_.quote_joined = el_.quote_joined || touching;
        el_.after_quote = true;
        return skip_quoted(i);
      }
      case '[':
        word();
        el_.literal = true;
        return skip_literal(i);
      case ']':
        problem("a ']' without '['");
        return i + 1;
      case '<':
        if (stray_semicolon_) problem("a ';' outside a group that ends the list early");
        if (el_.after_angle || el_.angles > 0)
          problem("two addresses without a comma between them");
        shape_.name_ranges.push_back({el_.start, i});
        el_.content = true;
        ++el_.angles;
        in_angle_ = true;
        angle_start_ = i + 1;
        return i + 1;
      case '>':
        problem("a '>' without '<'");
        return i + 1;
      case ',':
        end_element();
        el_.start = i + 1;
        return i + 1;
      case ':':
        if (el_.angles > 0 || el_.ats > 0) problem("a ':' after an address");
        // A group: what came before is its name, not a mailbox.
        flush_names();
        shape_.name_ranges.push_back({el_.start, i});
        el_ = Element{};
        el_.start = i + 1;
        ++group_depth_;
        return i + 1;
      case ';':
        end_element();
        flush_names();
        el_.start = i + 1;
        if (group_depth_ > 0) {
          --group_depth_;
        } else {
          stray_semicolon_ = true;  // a problem only when more follows
        }
        return i + 1;
      case '@':
        ++el_.ats;
        joiner();
        return i + 1;
      case '.':
        joiner();
        return i + 1;
      default:
        if (el_.after_quote && !el_.gap) el_.quote_joined = true;
        if (!el_.last_was_word || el_.gap || el_.after_quote) word();
        return i + 1;
    }
  }

  std::size_t step_in_angle(std::size_t i) {
    switch (v_[i]) {
      case '"':
        return skip_quoted(i);
      case '(':
        return skip_comment(i);
      case '[':
        return skip_literal(i);
      case '<':
        problem("a '<' inside an address");
        return i + 1;
      case '>': {
        const std::string_view inside = v_.substr(angle_start_, i - angle_start_);
        if (!is_complete_addr_spec(inside)) problem("an incomplete address in '<' '>'");
        in_angle_ = false;
        el_.after_angle = true;
        el_.last_was_word = false;
        return i + 1;
      }
      default:
        return i + 1;
    }
  }

  std::string_view v_;
  AddressListShape shape_;
  Element el_;
  bool in_angle_ = false;
  std::size_t angle_start_ = 0;
  int group_depth_ = 0;
  std::size_t pending_names_ = 0;  // name-only elements waiting for an angle address
  bool stray_semicolon_ = false;
};

}  // namespace

AddressListShape scan_address_list(std::string_view value) {
  return Scanner(value).run();
}

std::string unfold_header(std::string_view value) {
  if (value.ends_with("\r\n")) {
    value.remove_suffix(2);
  } else if (value.ends_with('\n')) {
    value.remove_suffix(1);
  }
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' && i + 2 < value.size() && value[i + 1] == '\n' &&
        is_blank(value[i + 2])) {
      ++i;
      continue;
    }
    if (value[i] == '\n' && i + 1 < value.size() && is_blank(value[i + 1])) continue;
    out += value[i];
  }
  return out;
}

}  // namespace galguard::rules
