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

std::optional<std::string> guard_for_gmime(std::string_view raw, const GuardLimits& limits,
                                           std::vector<std::size_t>* changed) {
  std::optional<std::string> out;
  std::size_t begin = 0;
  while (begin < raw.size()) {
    const std::size_t end = logical_line_end(raw, begin);
    const std::string_view line = raw.substr(begin, end - begin);
    const bool address_field = is_address_field(line);
    const bool too_long = line.size() > limits.max_logical_line;
    const bool too_nested = address_field && count_colons(line) > limits.max_address_colons;
    if (too_long || too_nested) {
      if (!out) out.emplace(raw.substr(0, begin));
      if (changed != nullptr) changed->push_back(out->size());
      out->append(guarded_line(line, address_field, limits));
    } else if (out) {
      out->append(line);
    }
    begin = end;
  }
  return out;
}

}  // namespace galguard::rules
