// What a parsed policy answers: is a domain ours or untrusted, does a name look like a function,
// may a protected name point at this address, and what does a severity do.
#include "rules/policy/policy.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

// The letter-and-digit parts of a token: "it-support" → "it", "support"; "(hr)" → "hr".
void split_at_punctuation(std::string_view token, std::vector<std::string>& out) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(token.data());
  const auto n = static_cast<std::int32_t>(token.size());
  std::string part;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const bool word = c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
    if (word) {
      part.append(token.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    } else if (!part.empty()) {
      out.push_back(std::move(part));
      part.clear();
    }
  }
  if (!part.empty()) out.push_back(std::move(part));
}

std::string padded_join(const std::vector<std::string>& parts) {
  std::string out = " ";
  for (const auto& p : parts)
    out += p + " ";
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

bool ProtectedName::allows(std::string_view normalized_address) const {
  if (normalized_address.empty()) return false;
  // parse_policy normalised every entry; the address is normalised by the caller.
  return std::any_of(allow.begin(), allow.end(), [&](const std::string& wanted) {
    return glob_match(wanted, normalized_address);
  });
}

bool Policy::is_internal(std::string_view domain) const {
  return std::any_of(internal_domains.begin(), internal_domains.end(),
                     [&](const std::string& g) { return glob_match(g, domain); });
}

bool Policy::is_untrusted(std::string_view domain) const {
  return std::any_of(untrusted_domains.begin(), untrusted_domains.end(),
                     [&](const std::string& g) { return glob_match(g, domain); }) &&
         !is_internal(domain);
}

const AllowedEntry* Policy::allowed_entry(std::string_view normalized_address) const {
  for (const auto& allowed : allowed_entries)
    if (allowed.address == normalized_address) return &allowed;
  return nullptr;
}

bool Policy::looks_like_function(std::string_view display_name) const {
  return looks_like_function(name_forms(display_name));
}

bool Policy::looks_like_function(const NameForms& name) const {
  const std::vector<std::string>& tokens = name.tokens;
  std::vector<std::string> words;
  // Role words alone decide: a number is no sign of a function by itself, a person's name may
  // carry a year or an employee number ("Johan Svensson 1985"). "Service Desk 33900" is a
  // function by "service" and "desk".
  for (const auto& t : tokens)
    split_at_punctuation(t, words);
  const std::string token_text = padded_join(tokens);
  const std::string word_text = padded_join(words);
  for (const auto& role : role_words) {
    if (role.empty()) continue;
    if (role.find(' ') == std::string::npos) {
      if (contains(tokens, role) || contains(words, role)) return true;
    } else {
      const std::string phrase = " " + role + " ";
      if (token_text.find(phrase) != std::string::npos ||
          word_text.find(phrase) != std::string::npos)
        return true;
    }
  }
  return false;
}

Action Policy::action_for(Severity s) const {
  if (s == Severity::none) return Action::pass;
  for (int level = static_cast<int>(s); level > static_cast<int>(Severity::none); --level) {
    auto it = actions.find(static_cast<Severity>(level));
    if (it != actions.end()) return it->second;
  }
  return Action::pass;
}

Policy default_policy() {
  Policy p;
  p.role_words = default_role_words();
  // Critical is left unmapped on purpose: it follows high, also when a policy changes high.
  p.actions = {{Severity::low, Action::pass},
               {Severity::medium, Action::quarantine},
               {Severity::high, Action::quarantine}};
  return p;
}

}  // namespace galguard::rules
