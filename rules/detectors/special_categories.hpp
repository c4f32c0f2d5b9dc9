// Art. 9 special categories (and Art. 10 criminal offences) found by term lists in Swedish,
// Danish, Norwegian bokmål and English. Internal to rules/detectors.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace galguard::rules::detail {

enum class Category : std::uint8_t {
  health,
  ethnic_origin,
  political_opinions,
  religion,
  trade_union,
  genetic,
  biometric,
  sex_life,
  criminal_offences,
  // Not a category: a word a stem would catch but that ordinary mail uses ("diagnostik" under
  // "diagnos*"). The longest matching stem wins, so these rows switch the shorter stem off.
  ordinary,
};
constexpr std::size_t kCategoryCount = 9;  // the real ones, before `ordinary`

std::string_view category_name(Category category);

using CategorySet = std::uint16_t;  // bit i set: Category(i) found

// One row of a term list: words match whole and case-insensitively; a trailing '*' makes the
// last word a stem ("sjukskriv*" matches "sjukskrivningen"); words separated by spaces or
// hyphens are a phrase and match across any run of separators ("a-kassa*", "trade union*").
struct Term {
  Category category;
  std::string_view pattern;
};

std::span<const Term> terms_sv();
std::span<const Term> terms_da();
std::span<const Term> terms_nb();
std::span<const Term> terms_en();

constexpr std::size_t kMaxWordBytes = 64;  // longer words are never terms
constexpr std::size_t kMaxPhraseWords = 3;

// The compiled term lists: one hash map from folded word (or phrase) to what it means.
class TermMatcher {
 public:
  explicit TermMatcher(std::span<const std::span<const Term>> lists);
  TermMatcher(const TermMatcher&) = delete;
  TermMatcher& operator=(const TermMatcher&) = delete;

  // Built once from the four language lists; immutable, so shared by all threads.
  static const TermMatcher& instance();

  // Mistakes in the lists (a stem too short, a term listed twice or under two categories), for
  // the tests: the matcher still works, the first row wins.
  const std::vector<std::string>& problems() const { return problems_; }

  struct Hit {
    int category = -1;           // a Category, -1 for none
    bool phrase_prefix = false;  // the key is the first word(s) of a listed phrase
  };
  // key: a folded word or words joined by one space. Stems only match past min_stem bytes, so
  // a phrase stem cannot end inside an earlier word.
  Hit lookup(std::string_view key, std::size_t min_stem) const;

 private:
  struct Entry {
    std::int8_t exact = -1;
    std::int8_t stem = -1;
    bool phrase_prefix = false;
  };
  static constexpr std::size_t kMinStemBytes = 4;
  static constexpr std::size_t kMaxKeyBytes = kMaxPhraseWords * (kMaxWordBytes + 1);

  static std::size_t stem_head(std::string_view key);
  static std::size_t key_head(std::string_view key);
  void add(const Term& term);
  Entry& entry(std::string_view stored);

  std::deque<std::string> storage_;  // owns the keys; a deque never moves its elements
  std::unordered_map<std::string_view, Entry> entries_;
  std::bitset<kMaxKeyBytes + 1> stem_lengths_;
  std::bitset<1 << 16> stem_heads_;  // hashed first bytes of every stem: most words stop here
  std::bitset<1 << 16> key_heads_;   // hashed ends and length of every key: most words stop here
  std::vector<std::string> problems_;
};

// Feeds the words of one text in order and reports the categories of the terms that end at
// each word, single words and phrases alike.
class TermScanner {
 public:
  explicit TermScanner(const TermMatcher& matcher) : matcher_(matcher) {}

  // word: case-folded (fold_into); empty or too long breaks a phrase.
  CategorySet feed(std::string_view word);
  // A sentence ended or a number stood between: no phrase continues over it.
  void break_phrase() { previous_ = {}; }

 private:
  struct Word {
    std::array<char, kMaxWordBytes> text{};
    std::size_t length = 0;
    bool phrase_prefix = false;  // this word starts a phrase
    bool pair_prefix = false;    // the word before and this one start a phrase
    std::string_view view() const { return {text.data(), length}; }
  };
  const TermMatcher& matcher_;
  Word previous_;
  Word before_previous_;
};

}  // namespace galguard::rules::detail
