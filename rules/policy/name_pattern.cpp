// NamePattern: a protected-name pattern, compiled once when the policy is read.
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <stdexcept>

#include "rules/policy/policy.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

constexpr std::string_view kRegexPrefix = "re:";

// A bound on the work of one regex match (ICU "steps", roughly milliseconds), so that a
// backtracking-prone policy regex cannot stall the gateway on a crafted display name.
constexpr int32_t kRegexTimeLimit = 200;

icu::UnicodeString to_unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

}  // namespace

struct NamePattern::Impl {
  // Glob form: the pattern normalised like a name, and its skeleton for look-alikes.
  std::string glob;
  std::string glob_skeleton;
  // Regex form. RegexPattern is immutable once compiled and safe to share between threads.
  std::unique_ptr<icu::RegexPattern> regex;

  bool find(const std::string& text) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString input = to_unicode(text);
    std::unique_ptr<icu::RegexMatcher> m(regex->matcher(input, status));
    if (U_FAILURE(status)) return true;  // fail closed: the rule fires rather than stays silent
    m->setTimeLimit(kRegexTimeLimit, status);
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
    return;
  }
  // The glob is normalised the way names are (case, width, spaces, "Last, First"); '*' and '?'
  // pass through NFKC, case folding and ICU's skeleton unchanged.
  impl_->glob = normalize(pattern);
  if (impl_->glob.empty()) throw std::invalid_argument("empty pattern");
  impl_->glob_skeleton = skeleton(impl_->glob);
}

NamePattern::~NamePattern() = default;
NamePattern::NamePattern(NamePattern&&) noexcept = default;
NamePattern& NamePattern::operator=(NamePattern&&) noexcept = default;

bool NamePattern::matches(std::string_view display_name) const {
  const std::string name = normalize(display_name);
  if (impl_->regex) return impl_->find(name) || impl_->find(skeleton(name));
  return glob_match(impl_->glob, name) || glob_match(impl_->glob_skeleton, skeleton(name));
}

}  // namespace galguard::rules
