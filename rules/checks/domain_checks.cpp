// Checks on the recipient's domain: is it one of ours in disguise? Domains are compared by where
// they are registered (Public Suffix List): "mail.stockho1m.se" is registered as "stockho1m.se",
// one edit from our "stockholm.se", while "skola.stockholm.se" is registered as ours.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "rules/checks/check_table.hpp"
#include "rules/checks/public_suffix.hpp"
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

std::size_t code_point_count(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Where a domain is registered and the skeleton of that, for one domain. Both cost
// microseconds (libpsl, ICU) and the same domains, ours and the external ones, come back message
// after message: remember them per thread (no locks), forgetting all when the cache is full.
// Returned by value: the next call may clear the cache, so a reference into it would dangle in
// `forms(a).skeleton == forms(b).skeleton`.
struct DomainForms {
  std::string registrable;  // registrable_domain()
  std::string skeleton;     // of `registrable`
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

constexpr std::size_t kDomainCacheSize = 4096;

DomainForms domain_forms(std::string_view domain) {
  thread_local std::unordered_map<std::string, DomainForms, StringHash, std::equal_to<>> cache;
  auto it = cache.find(domain);
  if (it != cache.end()) return it->second;
  if (cache.size() >= kDomainCacheSize) cache.clear();
  const std::string_view registrable = registrable_domain(domain);
  return cache
      .emplace(std::string(domain), DomainForms{std::string(registrable), skeleton(registrable)})
      .first->second;
}

// One edit and the joined spelling only count for names of at least this many characters: with
// fewer, they turn a name into somebody else's ordinary domain ("su.se" and "suse.com",
// "lu.se" and "liu.se"). Confusable characters, hyphen-joined labels and our domain as a label
// prefix count at any length.
constexpr std::size_t kMinFuzzyName = 5;

// `labels` ("stockholm.se") stands in `domain` as whole labels followed by more labels
// ("stockholm.se.example.com", "mail.stockholm.se.example.com").
bool has_label_prefix(std::string_view domain, std::string_view labels) {
  for (std::size_t at = domain.find(labels); at != std::string_view::npos;
       at = domain.find(labels, at + 1)) {
    const std::size_t end = at + labels.size();
    if ((at == 0 || domain[at - 1] == '.') && end < domain.size() && domain[end] == '.') {
      return true;
    }
  }
  return false;
}

// `label` is `own` with each '.' written as `separator` ("stockholm-se", "stockholmse").
bool spells_joined(std::string_view label, std::string_view own, std::string_view separator) {
  std::size_t at = 0;
  for (char c : own) {
    const std::string_view part = c == '.' ? separator : std::string_view(&c, 1);
    if (label.substr(at, part.size()) != part) return false;
    at += part.size();
  }
  return at == label.size();
}

// The first label of `domain` that spells `own` joined by `separator`, or empty.
std::string_view joined_label(std::string_view domain, std::string_view own,
                              std::string_view separator) {
  std::size_t start = 0;
  while (start <= domain.size()) {
    const std::size_t dot = std::min(domain.find('.', start), domain.size());
    const std::string_view label = domain.substr(start, dot - start);
    if (spells_joined(label, own, separator)) return label;
    start = dot + 1;
  }
  return {};
}

// Why `domain` passes for our `internal` domain, as the sentence the sender and the DPO read;
// empty when it does not. Both are registered by different holders.
std::string lookalike_reason(std::string_view domain, const DomainForms& theirs,
                             std::string_view internal, const DomainForms& ours) {
  const bool long_name = code_point_count(registered_name(ours.registrable)) >= kMinFuzzyName;
  if ((long_name && within_one_edit(theirs.registrable, ours.registrable)) ||
      theirs.skeleton == ours.skeleton) {
    return fmt::format(
        FMT_COMPILE("The domain {} looks like your own domain {} but is a different one."), domain,
        internal);
  }
  // Every spelling below contains our registered name: most domains stop here.
  if (domain.find(registered_name(ours.registrable)) == std::string_view::npos) return {};
  // The domain as listed and where it is registered ("skola.stockholm.se" is also imitated by
  // "stockholm-se.com").
  for (std::string_view own : {internal, std::string_view(ours.registrable)}) {
    if (has_label_prefix(domain, own)) {
      return fmt::format(FMT_COMPILE("The domain {} contains your own domain {} but is registered "
                                     "as {}, a different one."),
                         domain, own, theirs.registrable);
    }
    std::string_view spelled = joined_label(domain, own, "-");
    if (spelled.empty() && long_name) spelled = joined_label(domain, own, "");
    if (!spelled.empty()) {
      return fmt::format(
          FMT_COMPILE(
              "The domain {} spells your own domain {} as \"{}\" but is registered as {}, a "
              "different one."),
          domain, own, spelled, theirs.registrable);
    }
  }
  return {};
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

void check_lookalike_domain(const RecipientContext& c, std::vector<Finding>& out) {
  std::string_view domain = c.domain;
  if (domain.ends_with('.')) domain.remove_suffix(1);  // "stockholm.se." is the same name
  if (domain.empty() || c.policy.is_internal(domain)) return;
  const DomainForms theirs = domain_forms(domain);
  // "*.stockholm.se" stands for the domain "stockholm.se" as well.
  const auto domain_of_pattern = [](std::string_view pattern) {
    if (pattern.starts_with("*.")) pattern.remove_prefix(2);
    return pattern;
  };
  const auto& patterns = c.policy.internal_domains.texts();
  for (auto it = patterns.begin(); it != patterns.end(); ++it) {
    const std::string_view internal = domain_of_pattern(*it);
    if (internal.find_first_of("*?") != std::string_view::npos) continue;
    // Policies list "stockholm.se" and "*.stockholm.se": one comparison is enough.
    if (std::any_of(patterns.begin(), it,
                    [&](const std::string& p) { return domain_of_pattern(p) == internal; }))
      continue;
    const DomainForms ours = domain_forms(internal);
    // Registered by the same holder as ours: a subdomain the policy does not list.
    if (theirs.registrable == ours.registrable) continue;
    std::string reason = lookalike_reason(domain, theirs, internal, ours);
    if (reason.empty()) continue;
    out.push_back(c.finding("lookalike-domain", std::move(reason), {std::string(internal)}));
    return;
  }
}

}  // namespace galguard::rules::detail
