// NamePattern: a protected-name pattern, compiled once when the policy is read.
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "rules/policy/policy.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

constexpr std::string_view kRegexPrefix = "re:";

// The literal forms of a glob for typo comparison: "service ?desk*" → "service desk" and
// "servicedesk" (a space may match none), a prefix since '*' ends it. '?' may match nothing, so
// dropping it gives a name the glob takes. A '*' anywhere but at the end leaves no literal.
void add_glob_literals(std::string_view glob, TypoIndex& index) {
  bool prefix = false;
  while (!glob.empty() && glob.back() == '*') {
    glob.remove_suffix(1);
    prefix = true;
  }
  if (glob.find('*') != std::string_view::npos) return;
  std::string literal;
  for (char c : glob)
    if (c != '?') literal += c;
  literal = normalize(literal);
  if (literal.empty()) return;
  index.add(0, literal, prefix);
  std::string joined;
  for (char c : literal)
    if (c != ' ') joined += c;
  if (joined != literal) index.add(0, joined, prefix);
}

bool is_literal_word(std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !(u_isalnum(c) || c == ' ' || c == '-')) return false;
  }
  return n > 0;
}

// The top-level alternatives of an anchored regex, "^(a|b)…" or "^a…", with '^' and a
// trailing "\b.*", ".*" or '$' cut off; nullopt when the regex is not of that shape. Escapes
// and character classes are stepped over, so a '|' or '(' in "[(|]" splits nothing.
struct AnchoredAlternatives {
  std::vector<std::string_view> alternatives;
  bool prefix = true;  // no '$' at the end: the name may go on
};

std::optional<AnchoredAlternatives> anchored_alternatives(std::string_view source) {
  if (!source.starts_with('^')) return std::nullopt;  // found anywhere in the name
  // Quoted text ("\\Q[|\\E") hides brackets and bars from the scan below: not read at all.
  if (source.find("\\Q") != std::string_view::npos) return std::nullopt;
  source.remove_prefix(1);
  AnchoredAlternatives out;
  if (source.ends_with('$') && !source.ends_with("\\$")) {
    source.remove_suffix(1);
    out.prefix = false;
  }
  if (out.prefix) {
    if (source.ends_with(".*")) source.remove_suffix(2);
    if (source.ends_with("\\b")) source.remove_suffix(2);
  }
  const bool group = source.starts_with('(') && source.ends_with(')');
  if (group) {
    source = source.substr(1, source.size() - 2);
    if (source.starts_with("?:")) source.remove_prefix(2);
  }
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\\') {
      ++i;
    } else if (source[i] == '[') {
      for (++i; i < source.size() && source[i] != ']'; ++i)
        if (source[i] == '\\') ++i;
      if (i >= source.size()) return std::nullopt;  // a class this scan cannot follow
    } else if (source[i] == '(') {
      ++depth;
    } else if (source[i] == ')') {
      if (--depth < 0) return std::nullopt;  // "(a)|(b)": not one group
    } else if (source[i] == '|' && depth == 0) {
      if (!group) return std::nullopt;  // "^a|b": b is not anchored
      out.alternatives.push_back(source.substr(start, i - start));
      start = i + 1;
    }
  }
  if (depth != 0) return std::nullopt;
  out.alternatives.push_back(source.substr(start));
  return out;
}

// The literal forms of an anchored regex: "^(helpdesk|support)\b.*" → "helpdesk" and
// "support", prefixes unless '$' ends it. Alternatives with any other regex syntax
// ("it[- ]?(support|samordnare)") are left out: only exact matching covers them.
void add_regex_literals(std::string_view source, TypoIndex& index) {
  const auto anchored = anchored_alternatives(source);
  if (!anchored) return;
  for (std::string_view alternative : anchored->alternatives)
    if (is_literal_word(alternative)) {
      const std::string literal = normalize(alternative);
      if (!literal.empty()) index.add(0, literal, anchored->prefix);
    }
}

// The plain letters and digits each match of an anchored regex must start with, one prefix per
// alternative ("it", "helpdesk", "support" for "^(it[- ]?(support|samordnare)|helpdesk|
// support)\b.*"), or none when that cannot be told from its text. Names are folded and the
// regex is case-insensitive, so a folded name that starts with none of them cannot match: most
// names are turned away without running the regex.
std::vector<std::string> literal_prefixes(std::string_view source) {
  const auto anchored = anchored_alternatives(source);
  if (!anchored) return {};
  std::vector<std::string> out;
  for (std::string_view alternative : anchored->alternatives) {
    std::string prefix;
    for (std::size_t i = 0; i < alternative.size(); ++i) {
      const auto c = static_cast<unsigned char>(alternative[i]);
      if (c >= 0x80 || !std::isalnum(c)) break;
      const char next = i + 1 < alternative.size() ? alternative[i + 1] : '\0';
      // A quantifier may make the character optional ("a?b", "a*b", "a{0,1}b").
      if (next == '?' || next == '*' || next == '{') break;
      prefix += static_cast<char>(std::tolower(c));
      if (next == '+') break;  // required once; what follows may be more of it
    }
    if (prefix.empty()) return {};
    out.push_back(std::move(prefix));
  }
  return out;
}

// A bound on the work of one regex match (ICU "steps", roughly milliseconds), so that a
// backtracking-prone policy regex cannot stall the gateway on a crafted display name.
constexpr int32_t kRegexTimeLimit = 200;

icu::UnicodeString to_unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Each compiled regex gets an id that is never reused, so a per-thread matcher cache cannot
// hand a stale matcher to a pattern that happens to live at a freed pattern's address.
std::atomic<std::uint64_t> next_regex_id{1};

}  // namespace

struct NamePattern::Impl {
  // Glob form: the pattern normalised like a name, and its skeleton for look-alikes.
  std::optional<Glob> glob;
  std::optional<Glob> glob_skeleton;
  // The skeleton of the pattern as written, case kept; only where it differs from the folded.
  std::optional<Glob> glob_cased;
  // Regex form. RegexPattern is immutable once compiled and safe to share between threads.
  std::unique_ptr<icu::RegexPattern> regex;
  std::uint64_t regex_id = 0;
  std::vector<std::string> regex_prefixes;  // literal_prefixes(): none when any name may match
  // The literal forms, for typing slips of the name; empty when the pattern has none.
  TypoIndex literals;

  // A RegexMatcher is not thread-safe but costs more to make than a match: one per thread
  // and pattern, reset for each input. The cache is cleared when policies come and go.
  icu::RegexMatcher* matcher() const {
    thread_local std::unordered_map<std::uint64_t, std::unique_ptr<icu::RegexMatcher>> cache;
    auto it = cache.find(regex_id);
    if (it != cache.end()) return it->second.get();
    if (cache.size() >= 256) cache.clear();
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(regex->matcher(status));
    if (U_FAILURE(status) || !m) return nullptr;
    m->setTimeLimit(kRegexTimeLimit, status);
    return cache.emplace(regex_id, std::move(m)).first->second.get();
  }

  bool find(const std::string& text) const {
    if (!regex_prefixes.empty() &&
        std::none_of(regex_prefixes.begin(), regex_prefixes.end(),
                     [&](const std::string& p) { return text.starts_with(p); }))
      return false;
    icu::RegexMatcher* m = matcher();
    if (m == nullptr) return true;  // fail closed: the rule fires rather than stays silent
    icu::UnicodeString input = to_unicode(text);
    m->reset(input);
    UErrorCode status = U_ZERO_ERROR;
    const bool found = m->find(status);
    return U_FAILURE(status) ? true : found;  // a timed-out match counts as a match, too
  }
};

NamePattern::NamePattern(std::string_view pattern)
    : text_(pattern), impl_(std::make_unique<Impl>()) {
  if (!is_valid_utf8(pattern)) throw std::invalid_argument("not valid UTF-8");
  if (pattern.substr(0, kRegexPrefix.size()) == kRegexPrefix) {
    std::string_view source = pattern.substr(kRegexPrefix.size());
    if (source.empty()) throw std::invalid_argument("empty regular expression after \"re:\"");
    UParseError where{};
    UErrorCode status = U_ZERO_ERROR;
    impl_->regex.reset(
        icu::RegexPattern::compile(to_unicode(source), UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status) || !impl_->regex) {
      std::string reason = "regex does not compile: " + std::string(u_errorName(status));
      if (where.offset >= 0)
        reason += " at offset " + std::to_string(where.offset) + " of the expression";
      throw std::invalid_argument(reason);
    }
    impl_->regex_id = next_regex_id++;
    impl_->regex_prefixes = literal_prefixes(source);
    add_regex_literals(source, impl_->literals);
    impl_->literals.build();
    return;
  }
  // The glob is normalised the way names are (case, width, spaces, "Last, First"); '*' and '?'
  // pass through NFKC, case folding and ICU's skeleton unchanged.
  const std::string glob = normalize(pattern);
  if (glob.empty()) throw std::invalid_argument("empty pattern");
  impl_->glob.emplace(glob);
  impl_->glob_skeleton.emplace(skeleton(glob));
  if (NameForms forms = name_forms(pattern); forms.cased_skeleton != forms.skeleton)
    impl_->glob_cased.emplace(forms.cased_skeleton);
  add_glob_literals(glob, impl_->literals);
  impl_->literals.build();
}

NamePattern::~NamePattern() = default;
NamePattern::NamePattern(NamePattern&&) noexcept = default;
NamePattern& NamePattern::operator=(NamePattern&&) noexcept = default;

bool NamePattern::matches(std::string_view display_name) const {
  return matches(name_forms(display_name));
}

bool NamePattern::matches(const NameForms& name) const {
  // The same regex on both forms: where a name is its own skeleton, one try is enough.
  if (impl_->regex)
    return impl_->find(name.normalized) ||
           (name.skeleton != name.normalized && impl_->find(name.skeleton));
  // The glob's own skeleton differs from the glob ("m" becomes "rn"), so "rnarie" meets
  // "marie*" only there: always try both.
  return impl_->glob->matches(name.normalized) || impl_->glob_skeleton->matches(name.skeleton) ||
         (impl_->glob_cased && name.cased_skeleton != name.skeleton &&
          impl_->glob_cased->matches(name.cased_skeleton));
}

std::optional<NamePattern::Slip> NamePattern::typo_of(const TypoQuery& name) const {
  if (impl_->literals.items() == 0) return std::nullopt;
  std::optional<Slip> best;
  for (const auto& m : impl_->literals.find(name))
    if (!best || m.edits < best->edits) best = Slip{impl_->literals.item_text(m.item), m.edits};
  return best;
}

std::size_t NamePattern::typo_prefix_letters() const {
  return impl_->literals.max_prefix_letters();
}

}  // namespace galguard::rules
