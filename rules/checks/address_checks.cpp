// Checks that look at the address itself: what the name claims it is, and its domain.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "rules/checks/check_table.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::detail {
namespace {

// Code points of a UTF-8 string into `out` (domains are at most 255 bytes).
template <std::size_t N>
std::size_t code_points(std::string_view s, std::array<char32_t, N>& out) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size() && n < N;) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out[n++] = cp;
    i += len;
  }
  return n;
}

bool is_address_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '%' || c == '+' || c == '-' || c == '\'' || c >= 0x80;
}

// The same external domains come back message after message: remember their skeletons, per
// thread (no locks), forgetting all when the cache is full.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

const std::string& domain_skeleton(std::string_view domain) {
  thread_local std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> cache;
  auto it = cache.find(domain);
  if (it != cache.end()) return it->second;
  if (cache.size() >= 4096) cache.clear();
  return cache.emplace(std::string(domain), skeleton(domain)).first->second;
}

// The last `labels` labels of a domain ("mail.stockho1m.se", 2 → "stockho1m.se").
std::string_view last_labels(std::string_view domain, std::size_t labels) {
  std::size_t pos = domain.size();
  for (std::size_t n = 0; n < labels; ++n) {
    std::size_t dot = domain.rfind('.', pos == 0 ? 0 : pos - 1);
    if (dot == std::string_view::npos || pos == 0) return domain;
    pos = dot;
  }
  return domain.substr(pos + 1);
}

}  // namespace

bool within_one_edit(std::string_view a_text, std::string_view b_text) {
  constexpr std::size_t kMax = 256;  // domains: longer ones compare by their first 256 characters
  // Left uninitialised on purpose: only the first an/bn are read.
  std::array<char32_t, kMax> first, second;
  // a is the longer of the two.
  const char32_t* a = first.data();
  const char32_t* b = second.data();
  std::size_t an = code_points(a_text, first);
  std::size_t bn = code_points(b_text, second);
  if (an < bn) {
    std::swap(a, b);
    std::swap(an, bn);
  }
  if (an - bn > 1) return false;
  std::size_t i = 0;
  while (i < bn && a[i] == b[i])
    ++i;
  if (i == bn) return true;  // equal, or one character added at the end
  auto same_tail = [&](std::size_t from_a, std::size_t from_b) {
    return an - from_a == bn - from_b && std::equal(a + from_a, a + an, b + from_b);
  };
  if (an != bn) return same_tail(i + 1, i);  // one character inserted
  return same_tail(i + 1, i + 1) ||          // one substituted
         (i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] && same_tail(i + 2, i + 2));
}

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
    while (!candidate.empty() && (candidate.back() == '.' || candidate.back() == '-'))
      candidate.remove_suffix(1);
    std::string normalized = normalize_address(candidate);
    if (normalized.empty() || domain_of(normalized).find('.') == std::string_view::npos) continue;
    out.push_back(std::move(normalized));
  }
  return out;
}

void check_name_contains_other_address(const RecipientContext& c, std::vector<Finding>& out) {
  if (c.recipient.display_name.find('@') == std::string::npos) return;
  for (const auto& shown : addresses_in_text(c.recipient.display_name)) {
    if (shown == c.recipient.address_key) continue;
    out.push_back(
        c.finding("name-contains-other-address",
                  fmt::format("The name \"{}\" shows the address {}, but this message really "
                              "goes to {}.",
                              c.recipient.display_name, shown, c.recipient.address)));
    return;
  }
}

void check_lookalike_domain(const RecipientContext& c, std::vector<Finding>& out) {
  if (c.domain.empty() || c.policy.is_internal(c.domain)) return;
  for (const auto& pattern : c.policy.internal_domains) {
    std::string_view internal = pattern;
    if (internal.starts_with("*.")) internal.remove_prefix(2);
    if (internal.find_first_of("*?") != std::string_view::npos) continue;
    auto labels = static_cast<std::size_t>(std::count(internal.begin(), internal.end(), '.')) + 1;
    std::string_view tail = last_labels(c.domain, labels);
    if (tail == internal) continue;  // a subdomain of ours that the policy does not list
    bool confusable = within_one_edit(tail, internal);
    if (!confusable) confusable = domain_skeleton(tail) == domain_skeleton(internal);
    if (!confusable) continue;
    out.push_back(
        c.finding("lookalike-domain",
                  fmt::format("The domain {} looks like your own domain {} but is a different one.",
                              c.domain, internal),
                  {std::string(internal)}));
    return;
  }
}

}  // namespace galguard::rules::detail
