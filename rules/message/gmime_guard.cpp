#include "rules/message/gmime_guard.hpp"

#include "rules/text/ascii.hpp"

#include <array>
#include <cctype>

namespace galguard::rules {
namespace {

// Every address field GMime parses by itself (message.c's address_types) or that we ask it to.
constexpr std::array<std::string_view, 11> kAddressFields = {
    "From",       "Sender",      "Reply-To",      "To", "Cc", "Bcc", "Resent-To", "Resent-Cc",
    "Resent-Bcc", "Resent-From", "Resent-Sender",
};

// Whether the line is an address header field. GMime allows blanks before the ':' and
// compares names without case.
bool is_address_field(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view name = line.substr(0, colon);
  if (name.find('\n') != std::string_view::npos) return false;
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
    name.remove_suffix(1);
  for (std::string_view field : kAddressFields) {
    if (ascii_iequals(name, field)) return true;
  }
  return false;
}

std::size_t count_colons(std::string_view line) {
  std::size_t count = 0;
  for (const char c : line)
    count += c == ':' ? 1 : 0;
  return count;
}

std::string_view line_ending(std::string_view line) {
  if (line.ends_with("\r\n")) return "\r\n";
  if (line.ends_with("\n")) return "\n";
  return "";
}

// Where GMime's reading of an address field ends: its value is a C string to GMime.
std::size_t gmime_value_end(std::string_view line) {
  const std::size_t nul = line.find('\0');
  if (nul != std::string_view::npos) return nul;
  return line.size() - line_ending(line).size();
}

// How many ')' close every comment GMime might open in `value`, wherever it starts one: at
// any '(' (escaped or not, since GMime may read the text around it otherwise than
// scan_address_list does), a comment runs to the ')' that brings its depth back to zero.
// Quotes are not heeded: GMime's error recovery resumes at the next ',' even inside a quoted
// string, so any '(' may start a comment. A ')' left over after the last address is junk
// that GMime skips without reading an address from it.
std::size_t closers_needed(std::string_view value) {
  long depth = 0;          // ')' counted against '(' from the start, escapes skipped
  long lowest_before = 0;  // the least depth just before a '('
  bool any = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '(') {
      lowest_before = any ? std::min(lowest_before, depth) : depth;
      any = true;
      ++depth;
    } else if (value[i] == ')') {
      --depth;
    } else if (value[i] == '\\' && i + 1 < value.size()) {
      if (value[i + 1] == '(') {
        // Read from here by GMime, this '(' opens a comment; read from the start, it does not.
        lowest_before = any ? std::min(lowest_before, depth - 1) : depth - 1;
        any = true;
      }
      ++i;
    }
  }
  return any && depth > lowest_before ? static_cast<std::size_t>(depth - lowest_before) : 0;
}

// closers_needed of the field's value as GMime reads it (after the first ':').
std::size_t open_comment_depth(std::string_view line) {
  const std::size_t colon = line.find(':');
  const std::size_t end = gmime_value_end(line);
  if (colon == std::string_view::npos || colon >= end) return 0;
  return closers_needed(line.substr(colon + 1, end - colon - 1));
}

// The space keeps a trailing backslash from escaping the first ')'.
void append_closers(std::string& out, std::size_t depth) {
  if (depth == 0) return;
  out += ' ';
  out.append(depth, ')');
}

std::string closed_comments(std::string_view line, std::size_t depth) {
  const std::size_t end = gmime_value_end(line);
  std::string out(line.substr(0, end));
  append_closers(out, depth);
  out.append(line.substr(end));
  return out;
}

std::string guarded_line(std::string_view line, bool address_field, const GuardLimits& limits) {
  std::string out;
  if (line.size() > limits.max_logical_line) {
    std::string_view kept = line.substr(0, limits.max_logical_line);
    // A kept part ending in a line break would add a blank line, which ends a header block.
    while (!kept.empty() && (kept.back() == '\r' || kept.back() == '\n'))
      kept.remove_suffix(1);
    out.append(kept);
    out.append(line_ending(line));
  } else {
    out.append(line);
  }
  if (address_field) {
    std::size_t colons = 0;
    for (char& c : out) {
      if (c == ':' && ++colons > limits.max_address_colons) c = ' ';
    }
  }
  return out;
}

}  // namespace

std::size_t logical_line_end(std::string_view raw, std::size_t begin) {
  std::size_t end = begin;
  while (true) {
    const std::size_t newline = raw.find('\n', end);
    if (newline == std::string_view::npos) return raw.size();
    end = newline + 1;
    if (end >= raw.size() || (raw[end] != ' ' && raw[end] != '\t')) return end;
  }
}

std::string with_comments_closed(std::string_view value) {
  value = value.substr(0, value.find('\0'));
  std::string out(value);
  append_closers(out, closers_needed(value));
  return out;
}

std::optional<std::string> guard_for_gmime(std::string_view raw, const GuardLimits& limits,
                                           std::vector<GuardedLine>* changed) {
  std::optional<std::string> out;
  std::size_t begin = 0;
  while (begin < raw.size()) {
    const std::size_t end = logical_line_end(raw, begin);
    const std::string_view line = raw.substr(begin, end - begin);
    const bool address_field = is_address_field(line);
    const bool too_long = line.size() > limits.max_logical_line;
    const bool too_nested = address_field && count_colons(line) > limits.max_address_colons;
    std::optional<std::string> guarded;
    std::string_view why;  // "" when comments are all that was changed
    if (too_long || too_nested) {
      guarded = guarded_line(line, address_field, limits);
      why = kPastGuardLimit;
    }
    const std::size_t depth =
        address_field ? open_comment_depth(guarded ? std::string_view(*guarded) : line) : 0;
    if (depth > 0) {
      guarded = closed_comments(guarded ? std::string_view(*guarded) : line, depth);
    }
    if (guarded) {
      if (!out) out.emplace(raw.substr(0, begin));
      if (changed != nullptr) changed->push_back({out->size(), line, why});
      out->append(*guarded);
    } else if (out) {
      out->append(line);
    }
    begin = end;
  }
  return out;
}

}  // namespace galguard::rules
