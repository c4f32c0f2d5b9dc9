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

// The letter-and-digit parts of a token, as views into it: "it-support" → "it", "support";
// "(hr)" → "hr".
void split_at_punctuation(std::string_view token, std::vector<std::string_view>& out) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(token.data());
  const auto n = static_cast<std::int32_t>(token.size());
  std::int32_t part = -1;  // where the current part began
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const bool word = c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
    if (word && part < 0) {
      part = start;
    } else if (!word && part >= 0) {
      out.push_back(token.substr(static_cast<size_t>(part), static_cast<size_t>(start - part)));
      part = -1;
    }
  }
  if (part >= 0) out.push_back(token.substr(static_cast<size_t>(part)));
}

// The words joined with a space before, between and after, so that " role " finds a phrase.
template <typename Strings>
std::string padded_join(const Strings& parts) {
  std::string out = " ";
  for (const auto& p : parts) {
    out += p;
    out += ' ';
  }
  return out;
}

// A one-word-wide sieve: a bit for each (first byte, length) among the name's words. A role
// whose first word has no bit there cannot be among them, which is most of ~100 role words.
std::uint64_t sieve_bit(std::string_view word) {
  return word.empty() ? 0
                      : std::uint64_t{1} << ((static_cast<unsigned char>(word[0]) * 31U +
                                              static_cast<unsigned>(word.size())) &
                                             63U);
}

}  // namespace

bool ProtectedName::allows(std::string_view normalized_address) const {
  // parse_policy normalised every entry; the address is normalised by the caller.
  return !normalized_address.empty() && allow.any_matches(normalized_address);
}

bool Policy::is_internal(std::string_view domain) const {
  return internal_domains.any_matches(domain);
}

bool Policy::is_untrusted(std::string_view domain) const {
  return untrusted_domains.any_matches(domain) && !is_internal(domain);
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
  std::vector<std::string_view> words;
  words.reserve(2 * tokens.size());
  // Role words alone decide: a number is no sign of a function by itself, a person's name may
  // carry a year or an employee number ("Johan Svensson 1985"). "Service Desk 33900" is a
  // function by "service" and "desk".
  std::uint64_t sieve = 0;
  for (const auto& t : tokens) {
    split_at_punctuation(t, words);
    sieve |= sieve_bit(t);
  }
  for (std::string_view w : words)
    sieve |= sieve_bit(w);
  std::string token_text, word_text;  // made for the first phrase that passes the sieve
  for (const auto& role : role_words) {
    const std::size_t space = role.find(' ');
    if ((sieve & sieve_bit(std::string_view(role).substr(0, space))) == 0) continue;
    if (space == std::string::npos) {
      if (std::find(tokens.begin(), tokens.end(), role) != tokens.end() ||
          std::find(words.begin(), words.end(), role) != words.end())
        return true;
      continue;
    }
    if (token_text.empty()) {
      token_text = padded_join(tokens);
      word_text = padded_join(words);
    }
    const std::string phrase = " " + role + " ";
    if (token_text.find(phrase) != std::string::npos || word_text.find(phrase) != std::string::npos)
      return true;
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
