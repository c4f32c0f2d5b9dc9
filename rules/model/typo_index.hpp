// Typing slips: when a name is one or two edits (insert, delete, substitute, swap of neighbours)
// from a name that matters ("Servce Desk 33900", "Helpdeks", "Lönér Skärholmen"). The index is a
// deletion neighbourhood (SymSpell): every string reachable by deleting up to k characters is
// kept as a 32-bit fingerprint, and two names within k edits always share one. A lookup costs the
// query's own deletions, never a pass over the directory. Fingerprints are taken of the form
// without diacritics only: a slip of the folded form is one of that form too, except where a
// letter becomes two ("æ" → "ae"), which costs half the index and half of every lookup.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::rules {

// One name as the typo comparison sees it: the code points of its normalised (folded) form, and
// of that form without diacritics ("lönér" → "loner", "løn" → "lon"; equal when it has none).
struct TypoForm {
  std::u32string folded;
  std::u32string plain;
  std::u32string digits;  // the digits of the name in order: "33900"
};
TypoForm typo_form(std::string_view normalized);

// Names longer than this (code points) are not looked up: a 2-deletion neighbourhood grows with
// the square of the length, and such names are not typed.
inline constexpr std::size_t kTypoMaxLength = 64;

// How many edits away a name may be and still be taken for this one: none under 6 letters,
// one from 6, two from 14 (letters: code points other than spaces).
int typo_edits_allowed(std::u32string_view form);

// Optimal string alignment distance (edits: insert, delete, substitute, swap of neighbours), or
// limit + 1 when it is larger than limit.
int typo_distance(std::u32string_view a, std::u32string_view b, int limit);

// The edits between a name and a target if the name is a slip of it (at most `allowed` edits on
// the folded form or on the form without diacritics; 0 = only the diacritics differ); nullopt
// for the same name and for names with other digits ("Rum 101", "Rum 102" are two rooms).
std::optional<int> typo_edits(const TypoForm& name, const TypoForm& target, int allowed);

// What is looked up for one name: the whole name and, where asked, its leading words, each with
// the fingerprints of its deletions. Made once per name and probed in every index.
class TypoQuery {
 public:
  // `normalized` as rules::normalize gives it; leading words are added up to `max_prefix_letters`
  // letters (0: the whole name only).
  explicit TypoQuery(std::string_view normalized, std::size_t max_prefix_letters = 0);
  // The query of another name, in the memory this one already holds (a verdict makes a few).
  void reset(std::string_view normalized, std::size_t max_prefix_letters = 0);
  // Adds the leading words up to `max_letters` letters that are not there yet.
  void add_leading_words(std::size_t max_letters);

  struct Segment {
    TypoForm form;
    int depth = -1;                   // deletions needed to meet every target; -1: too short
    std::vector<std::uint64_t> near;  // fingerprints of the segment and its 1-deletions
  };
  std::span<const Segment> segments() const { return {segments_.data(), count_}; }
  // The 2-deletions of a segment, made when an index first has a target they can meet: most of
  // a query's fingerprints, and most indexes have no long name of that length.
  const std::vector<std::uint64_t>& far(std::size_t segment) const;

 private:
  void add_segment(std::u32string_view folded, std::u32string_view plain);
  std::size_t leading_letters_ = 0;  // how far add_leading_words went
  std::size_t count_ = 0;            // segments in use; the rest keep their memory for reset()
  std::vector<Segment> segments_;
  mutable std::vector<std::vector<std::uint64_t>> far_;
  mutable std::vector<bool> far_made_;
  std::u32string whole_folded_, whole_plain_;  // add_leading_words' copy of the whole name
};

// Names that matter, by id (an entry number, a protected-name rule), each either whole (the name
// must be a slip of all of it) or a prefix (a slip of the name's leading words is enough:
// "dataskyddsombud*").
class TypoIndex {
 public:
  struct Match {
    std::uint32_t id;
    std::uint32_t item;  // which of the id's forms matched, for item_text()
    int edits;           // 0 = only diacritics differ
  };

  TypoIndex() = default;
  // Adds one form; forms under 6 letters or over kTypoMaxLength are not added (exact only).
  void add(std::uint32_t id, std::string_view normalized, bool prefix = false);
  // Call once after the last add() and before the first find().
  void build();

  // Every id with a form the query is a slip of (the best item per id), in id order.
  std::vector<Match> find(const TypoQuery& query) const;

  const std::string& item_text(std::uint32_t item) const { return items_[item].text; }
  std::size_t items() const { return items_.size(); }
  std::size_t keys() const { return keys_.size(); }
  // The longest prefix item, in letters: how far a query's leading words need to go.
  std::size_t max_prefix_letters() const { return max_prefix_letters_; }
  std::size_t memory_bytes() const;

 private:
  struct Item {
    std::uint32_t id;
    bool prefix;
    int allowed;
    TypoForm form;
    std::string text;  // the normalised form, for explanations
  };
  bool maybe_has(std::uint64_t fingerprint) const;
  // Whether some item's length is within two of one of the segment's (only those can match).
  bool near_length(const TypoQuery::Segment& segment, bool far) const;

  std::vector<Item> items_;
  // (fingerprint << 32 | item), sorted; a bit filter in front answers most misses from cache.
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint64_t> filter_;
  std::uint64_t filter_mask_ = 0;
  std::size_t max_prefix_letters_ = 0;
  bool has_prefix_items_ = false;
  std::bitset<kTypoMaxLength + 1> lengths_;      // of every item's forms, in code points
  std::bitset<kTypoMaxLength + 1> far_lengths_;  // of the items allowed two edits
};

}  // namespace galguard::rules
