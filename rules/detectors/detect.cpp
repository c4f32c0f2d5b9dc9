// One pass over each text: at every word start try an identity number or an IBAN (both start
// at a word boundary and need a bounded look-ahead), otherwise fold the word and feed it to the
// term scanner. Nothing is allocated per character; found numbers are kept as keys only.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "rules/detectors/digits.hpp"
#include "rules/detectors/iban.hpp"
#include "rules/detectors/identity_numbers.hpp"
#include "rules/detectors/personal_data.hpp"
#include "rules/detectors/special_categories.hpp"
#include "rules/detectors/text_scan.hpp"

namespace galguard::rules {
namespace {

struct Findings {
  std::vector<detail::IdentityKey> identities;
  std::vector<std::string> ibans;
  detail::CategorySet categories = 0;
};

// Punctuation that ends a clause: "sick. Leave" is no phrase. White space, line breaks (mail
// is wrapped), hyphens and slashes are not.
bool breaks_phrase(std::int32_t c) {
  switch (c) {
    case '.':
    case '!':
    case '?':
    case ';':
    case ':':
    case ',':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '<':
    case '>':
    case '"':
      return true;
    default:
      return false;
  }
}

// True when anything was found in this text.
bool scan_text(std::string_view text, CivilDate today, const detail::TermMatcher& matcher,
               Findings& found) {
  detail::TermScanner terms(matcher);
  std::array<char, detail::kMaxWordBytes> folded{};
  bool any = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const detail::CodePoint cp = detail::decode_at(text, pos);
    if (!detail::is_word_char(cp.value)) {
      if (breaks_phrase(cp.value)) terms.break_phrase();
      pos += cp.size;
      continue;
    }
    const char first = text[pos];
    if (detail::is_digit(first)) {
      if (auto match = detail::match_identity_at(text, pos, today)) {
        found.identities.push_back(match->key);
        any = true;
        pos = match->end;
        terms.break_phrase();
        continue;
      }
    } else if (auto match = detail::match_iban_at(text, pos)) {
      found.ibans.emplace_back(match->view());
      any = true;
      pos = match->end;
      terms.break_phrase();
      continue;
    }

    const std::size_t begin = pos;
    while (pos < text.size() && detail::word_char_at(text, pos)) {
      pos += detail::decode_at(text, pos).size;
    }
    if (detail::is_digit(first)) {  // no term starts with a digit
      terms.break_phrase();
      continue;
    }
    const std::size_t length =
        detail::fold_into(text.substr(begin, pos - begin), folded.data(), folded.size());
    if (const detail::CategorySet hits = terms.feed({folded.data(), length})) {
      found.categories |= hits;
      any = true;
    }
  }
  return any;
}

template <typename T>
int count_distinct(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  return static_cast<int>(std::unique(values.begin(), values.end()) - values.begin());
}

}  // namespace

PersonalData detect_personal_data(std::span<const TextBlock> texts) {
  return detect_personal_data(texts, kNoFutureCheck);
}

PersonalData detect_personal_data(std::span<const TextBlock> texts, CivilDate today) {
  const detail::TermMatcher& matcher = detail::TermMatcher::instance();
  Findings found;
  PersonalData result;
  for (const TextBlock& block : texts) {
    if (!scan_text(block.text, today, matcher, found)) continue;
    if (std::find(result.places.begin(), result.places.end(), block.place) == result.places.end()) {
      result.places.push_back(block.place);
    }
  }

  result.identity_numbers = count_distinct(found.identities);
  result.ibans = count_distinct(found.ibans);
  if (result.identity_numbers > 0) result.categories.emplace_back("identity-number");
  if (result.ibans > 0) result.categories.emplace_back("financial");
  for (std::size_t i = 0; i < detail::kCategoryCount; ++i) {
    if (found.categories & (1u << i)) {
      result.categories.emplace_back(detail::category_name(static_cast<detail::Category>(i)));
    }
  }
  std::sort(result.categories.begin(), result.categories.end());
  return result;
}

bool PersonalData::special_category() const {
  for (std::size_t i = 0; i < detail::kCategoryCount; ++i) {
    const std::string_view name = detail::category_name(static_cast<detail::Category>(i));
    if (std::find(categories.begin(), categories.end(), name) != categories.end()) return true;
  }
  return false;
}

}  // namespace galguard::rules
