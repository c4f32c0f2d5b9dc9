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

// Sorted category names, identity-number and financial among them; counts the distinct ones.
std::vector<std::string> categories_of(Findings& found, int& identity_numbers) {
  std::vector<std::string> out;
  identity_numbers = count_distinct(found.identities);
  if (identity_numbers > 0) out.emplace_back("identity-number");
  if (!found.ibans.empty()) out.emplace_back("financial");
  for (std::size_t i = 0; i < detail::kCategoryCount; ++i) {
    if (found.categories & (1u << i)) {
      out.emplace_back(detail::category_name(static_cast<detail::Category>(i)));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void add_place(std::vector<std::string>& places, std::string place) {
  if (std::find(places.begin(), places.end(), place) == places.end())
    places.push_back(std::move(place));
}

PersonalData detect(std::span<const TextBlock> texts, std::span<const Attachment> attachments,
                    CivilDate today) {
  const detail::TermMatcher& matcher = detail::TermMatcher::instance();
  Findings found;
  std::vector<Findings> per_attachment(attachments.size());
  PersonalData result;
  for (const TextBlock& block : texts) {
    const bool of_attachment =
        block.attachment >= 0 && static_cast<std::size_t>(block.attachment) < attachments.size();
    Findings& into = of_attachment ? per_attachment[block.attachment] : found;
    if (!scan_text(block.text, today, matcher, into)) continue;
    add_place(result.places,
              of_attachment ? "attachment: " + attachments[block.attachment].name : block.place);
  }

  for (std::size_t i = 0; i < attachments.size(); ++i) {
    Findings& own = per_attachment[i];
    found.identities.insert(found.identities.end(), own.identities.begin(), own.identities.end());
    found.ibans.insert(found.ibans.end(), own.ibans.begin(), own.ibans.end());
    found.categories |= own.categories;
    AttachmentData data;
    data.name = attachments[i].name;
    data.type = attachments[i].type;
    data.inspected = attachments[i].inspected;
    data.why = attachments[i].why;
    data.categories = categories_of(own, data.identity_numbers);
    result.attachments.push_back(std::move(data));
  }
  result.ibans = count_distinct(found.ibans);
  result.categories = categories_of(found, result.identity_numbers);
  return result;
}

}  // namespace

PersonalData detect_personal_data(std::span<const TextBlock> texts) {
  return detect(texts, {}, kNoFutureCheck);
}

PersonalData detect_personal_data(std::span<const TextBlock> texts, CivilDate today) {
  return detect(texts, {}, today);
}

PersonalData detect_personal_data(const MessageView& message, CivilDate today) {
  return detect(message.texts, message.attachments, today);
}

bool PersonalData::special_category() const {
  for (std::size_t i = 0; i < detail::kCategoryCount; ++i) {
    const std::string_view name = detail::category_name(static_cast<detail::Category>(i));
    if (std::find(categories.begin(), categories.end(), name) != categories.end()) return true;
  }
  return false;
}

}  // namespace galguard::rules
