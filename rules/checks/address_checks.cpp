// Checks that look at what the display name claims the address is.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>

#include "rules/checks/check_table.hpp"
#include "rules/text/fold.hpp"
#include "rules/text/invisible.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::detail {
namespace {

bool is_address_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '%' || c == '+' || c == '-' || c == '\'' || c >= 0x80;
}

}  // namespace

std::vector<std::string> addresses_in_text(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && is_address_char(static_cast<unsigned char>(text[begin - 1])))
      --begin;
    std::size_t end = at + 1;
    while (end < text.size() && is_address_char(static_cast<unsigned char>(text[end])))
      ++end;
    std::string_view candidate = text.substr(begin, end - begin);
    // Outlook quotes an address typed as the name: "'lisa@example.com'" <lisa@example.com>.
    while (!candidate.empty() && candidate.front() == '\'')
      candidate.remove_prefix(1);
    while (!candidate.empty() &&
           (candidate.back() == '.' || candidate.back() == '-' || candidate.back() == '\''))
      candidate.remove_suffix(1);
    std::string normalized = normalize_address(candidate);
    if (normalized.empty() || domain_of(normalized).find('.') == std::string_view::npos) continue;
    out.push_back(std::move(normalized));
  }
  return out;
}

namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The shown address is another address of the recipient's own directory entry (a proxy
// address, the primary of the entry the recipient address is a proxy of).
bool same_entry(const RecipientContext& c, const std::string& shown) {
  for (EntryIndex i : c.directory.by_address(shown))
    if (c.directory.has_address(i, c.recipient.address_key)) return true;
  return false;
}

}  // namespace

void check_name_contains_other_address(const RecipientContext& c, std::vector<Finding>& out) {
  const std::string& name = c.recipient.display_name;
  if (name.find('@') == std::string::npos && is_ascii(name)) return;
  // What the reader sees: invisible characters gone, and NFKC, so that the full-width "＠"
  // (U+FF20) and the small "﹫" (U+FE6B) are the '@' they look like.
  for (const auto& shown : addresses_in_text(fold(strip_invisible(name)))) {
    if (shown == c.recipient.address_key || same_entry(c, shown)) continue;
    out.push_back(c.finding(
        "name-contains-other-address",
        fmt::format(FMT_COMPILE("The name \"{}\" shows the address {}, but this message really "
                                "goes to {}."),
                    c.recipient.display_name, shown, c.recipient.address)));
    return;
  }
}

}  // namespace galguard::rules::detail
