#include <algorithm>
#include <cstring>
#include <initializer_list>

#include "rules/detectors/special_categories.hpp"
#include "rules/detectors/text_scan.hpp"

namespace galguard::rules::detail {
namespace {

CategorySet bit_of(int category) {
  if (category < 0 || category >= static_cast<int>(kCategoryCount)) return 0;
  return static_cast<CategorySet>(1u << category);
}

// Folds the words of a list pattern the way the scanner folds text, joined by one space.
std::string fold_pattern(std::string_view pattern, std::size_t& words) {
  std::string key;
  words = 0;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    while (pos < pattern.size() && !word_char_at(pattern, pos))
      pos += decode_at(pattern, pos).size;
    const std::size_t begin = pos;
    while (pos < pattern.size() && word_char_at(pattern, pos))
      pos += decode_at(pattern, pos).size;
    if (begin == pos) break;
    std::array<char, kMaxWordBytes> folded{};
    const std::size_t length =
        fold_into(pattern.substr(begin, pos - begin), folded.data(), folded.size());
    if (length == 0) return {};
    if (!key.empty()) key += ' ';
    key.append(folded.data(), length);
    ++words;
  }
  return key;
}

}  // namespace

std::string_view category_name(Category category) {
  static constexpr std::array<std::string_view, kCategoryCount + 1> kNames{
      "health",  "ethnic-origin", "political-opinions", "religion",          "trade-union",
      "genetic", "biometric",     "sex-life",           "criminal-offences", "ordinary",
  };
  return kNames[static_cast<std::size_t>(category)];
}

const TermMatcher& TermMatcher::instance() {
  static const std::array<std::span<const Term>, 4> kLists{terms_sv(), terms_da(), terms_nb(),
                                                           terms_en()};
  static const TermMatcher matcher(kLists);
  return matcher;
}

TermMatcher::TermMatcher(std::span<const std::span<const Term>> lists) {
  for (const auto& list : lists) {
    for (const Term& term : list)
      add(term);
  }
}

std::size_t TermMatcher::stem_head(std::string_view key) {
  std::uint32_t head = 0;
  std::memcpy(&head, key.data(), sizeof head);
  return (head * 2654435761u) >> 16;
}

std::size_t TermMatcher::key_head(std::string_view key) {
  if (key.empty()) return 0;
  const auto first = static_cast<unsigned char>(key.front());
  const auto second = static_cast<unsigned char>(key.size() > 1 ? key[1] : 0);
  const auto last = static_cast<unsigned char>(key.back());
  const auto h = static_cast<std::uint32_t>(first | second << 8 | last << 16) ^
                 static_cast<std::uint32_t>(key.size() << 24);
  return (h * 2654435761u) >> 16;
}

TermMatcher::Entry& TermMatcher::entry(std::string_view stored) {
  key_heads_.set(key_head(stored));
  return entries_[stored];
}

void TermMatcher::add(const Term& term) {
  std::string_view pattern = term.pattern;
  const bool stem = pattern.ends_with('*');
  if (stem) pattern.remove_suffix(1);
  std::size_t words = 0;
  std::string key = fold_pattern(pattern, words);
  auto problem = [&](std::string_view what) {
    problems_.push_back(std::string(term.pattern) + ": " + std::string(what));
  };
  if (key.empty() || pattern.find('*') != std::string_view::npos) return problem("malformed");
  if (words > kMaxPhraseWords) return problem("more words than a phrase may have");
  if (stem && key.size() < kMinStemBytes) return problem("stem too short");

  const std::string_view stored = storage_.emplace_back(std::move(key));
  Entry& found = entry(stored);
  std::int8_t& slot = stem ? found.stem : found.exact;
  const auto category = static_cast<std::int8_t>(term.category);
  if (slot >= 0) {
    return problem(slot == category ? "listed twice" : "listed under two categories");
  }
  slot = category;
  if (stem) {
    stem_lengths_.set(stored.size());
    stem_heads_.set(stem_head(stored));
  }
  // Every leading run of words marks where a phrase may continue.
  for (std::size_t space = stored.find(' '); space != std::string_view::npos;
       space = stored.find(' ', space + 1)) {
    entry(stored.substr(0, space)).phrase_prefix = true;
  }
}

TermMatcher::Hit TermMatcher::lookup(std::string_view key, std::size_t min_stem) const {
  Hit hit;
  const auto found = key_heads_.test(key_head(key)) ? entries_.find(key) : entries_.end();
  if (found != entries_.end()) {
    hit.phrase_prefix = found->second.phrase_prefix;
    if (found->second.exact >= 0) {
      hit.category = found->second.exact;
      return hit;
    }
  }
  if (key.size() < kMinStemBytes || !stem_heads_.test(stem_head(key))) return hit;
  // Longest stem first, so that an `ordinary` row can overrule a shorter stem.
  const std::size_t shortest = std::max(min_stem, kMinStemBytes);
  for (std::size_t length = std::min(key.size(), kMaxKeyBytes); length >= shortest; --length) {
    if (!stem_lengths_.test(length)) continue;
    const auto stem = entries_.find(key.substr(0, length));
    if (stem != entries_.end() && stem->second.stem >= 0) {
      hit.category = stem->second.stem;
      return hit;
    }
  }
  return hit;
}

CategorySet TermScanner::feed(std::string_view word) {
  if (word.empty() || word.size() > kMaxWordBytes) {
    break_phrase();
    return 0;
  }
  const TermMatcher::Hit single = matcher_.lookup(word, 0);
  CategorySet found = bit_of(single.category);

  // Phrases are looked up joined by one space, whatever separated the words in the text.
  std::array<char, kMaxPhraseWords*(kMaxWordBytes + 1)> joined{};
  auto join = [&](std::initializer_list<std::string_view> parts) {
    std::size_t length = 0;
    for (std::string_view part : parts) {
      if (length > 0) joined[length++] = ' ';
      std::memcpy(joined.data() + length, part.data(), part.size());
      length += part.size();
    }
    return std::string_view(joined.data(), length);
  };

  bool pair_prefix = false;
  if (previous_.phrase_prefix) {
    const std::string_view pair = join({previous_.view(), word});
    const TermMatcher::Hit hit = matcher_.lookup(pair, previous_.length + 2);
    found |= bit_of(hit.category);
    pair_prefix = hit.phrase_prefix;
  }
  if (previous_.pair_prefix) {
    const std::string_view triple = join({before_previous_.view(), previous_.view(), word});
    const TermMatcher::Hit hit =
        matcher_.lookup(triple, before_previous_.length + previous_.length + 3);
    found |= bit_of(hit.category);
  }

  // Only words that may start a phrase are worth copying.
  if (pair_prefix) before_previous_ = previous_;
  previous_.phrase_prefix = single.phrase_prefix;
  previous_.pair_prefix = pair_prefix;
  previous_.length = 0;
  if (single.phrase_prefix || pair_prefix) {
    std::memcpy(previous_.text.data(), word.data(), word.size());
    previous_.length = word.size();
  }
  return found;
}

}  // namespace galguard::rules::detail
