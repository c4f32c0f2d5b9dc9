#include "rules/model/typo_index.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdlib>
#include <span>
#include <utility>

namespace galguard::rules {
namespace {

// Letters with no Unicode decomposition that readers still take for their base letter: "Løn"
// and "Lon", "Łódź" and "Lodz". (ß is already "ss" after case folding.)
std::u32string_view base_letters(char32_t c) {
  switch (c) {
    case U'ø':
      return U"o";
    case U'æ':
      return U"ae";
    case U'œ':
      return U"oe";
    case U'đ':
    case U'ð':
      return U"d";
    case U'ł':
      return U"l";
    case U'þ':
      return U"th";
    case U'ı':
      return U"i";
    default:
      return {};
  }
}

const icu::Normalizer2* nfd() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    assert(U_SUCCESS(status));
    return n;
  }();
  return instance;
}

bool is_nonspacing_mark(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_MN_MASK) != 0;
}

std::u32string without_diacritics(const std::u32string& folded) {
  if (std::all_of(folded.begin(), folded.end(), [](char32_t c) { return c < 0x80; })) return folded;
  std::u32string out;
  out.reserve(folded.size());
  icu::UnicodeString decomposed;
  for (char32_t c : folded) {
    if (c < 0x80) {
      out += c;
    } else if (auto base = base_letters(c); !base.empty()) {
      out += base;
    } else if (nfd()->getDecomposition(static_cast<UChar32>(c), decomposed)) {
      for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 d = decomposed.char32At(i);
        i += U16_LENGTH(d);
        if (!is_nonspacing_mark(static_cast<char32_t>(d))) out += static_cast<char32_t>(d);
      }
    } else if (!is_nonspacing_mark(c)) {
      out += c;
    }
  }
  return out;
}

std::size_t letters(std::u32string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char32_t c) { return c != U' '; }));
}

// How deep a query's deletions must go to meet every target it may be a slip of: a target of
// 14+ letters (two edits) is at least 12 letters away from its slips' length.
int query_depth(std::u32string_view s) {
  if (s.size() > kTypoMaxLength) return -1;
  const std::size_t n = letters(s);
  if (n >= 12) return 2;
  if (n >= 5) return 1;
  return -1;
}

void digits_of(std::u32string_view s, std::u32string& out) {
  out.clear();
  for (char32_t c : s)
    if (c < 0x80 ? (c >= U'0' && c <= U'9') : u_isdigit(static_cast<UChar32>(c))) out += c;
}

std::u32string digits_of(std::u32string_view s) {
  std::u32string out;
  digits_of(s, out);
  return out;
}

// Fingerprints of a string and of everything up to `depth` deletions from it. A polynomial hash
// over code points, so that the hash of a deletion comes from prefix and suffix sums in O(1)
// and the same string reached by different deletions gets the same fingerprint.
constexpr std::uint64_t kBase = 0x100000001B3ULL;

std::uint64_t finish(std::uint64_t h, std::size_t length) {
  h ^= static_cast<std::uint64_t>(length) * 0x9E3779B97F4A7C15ULL;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

// Slips are in letters and the digits must be the same (typo_edits): the name's digits go into
// every fingerprint of it, so a numbered series ("Service Desk 30003", "Service Desk 30011" …)
// never meets a name with another number in the index at all.
std::uint64_t digits_salt(const std::u32string& digits) {
  std::uint64_t h = 0;
  for (char32_t c : digits)
    h = h * kBase + (c + 1);
  return digits.empty() ? 0 : finish(h, digits.size() + 0x5A17);
}

// Emits the fingerprints of the strings `from` to `to` deletions away (0: the string itself).
template <typename F>
void for_each_deletion(std::u32string_view s, int from, int to, F&& emit) {
  const std::size_t n = s.size();
  assert(n <= kTypoMaxLength);
  std::array<std::uint64_t, kTypoMaxLength + 1> prefix{}, suffix{}, power{};
  power[0] = 1;
  for (std::size_t i = 0; i < n; ++i) {
    prefix[i + 1] = prefix[i] * kBase + (s[i] + 1);
    power[i + 1] = power[i] * kBase;
  }
  suffix[n] = 0;
  for (std::size_t i = n; i-- > 0;)
    suffix[i] = suffix[i + 1] + (s[i] + 1) * power[n - 1 - i];
  if (from <= 0) emit(finish(prefix[n], n));
  if (from <= 1 && to >= 1 && n >= 1)
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && s[i] == s[i - 1]) continue;  // deleting either of a double letter: one string
      emit(finish(prefix[i] * power[n - 1 - i] + suffix[i + 1], n - 1));
    }
  if (to >= 2 && n >= 2)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = i + 1; k < n; ++k) {
        const std::uint64_t middle = prefix[k] - prefix[i + 1] * power[k - 1 - i];
        emit(finish(prefix[i] * power[n - 2 - i] + middle * power[n - 1 - k] + suffix[k + 1],
                    n - 2));
      }
}

}  // namespace

TypoForm typo_form(std::string_view normalized) {
  TypoForm f;
  const auto* p = reinterpret_cast<const std::uint8_t*>(normalized.data());
  const auto n = static_cast<std::int32_t>(normalized.size());
  f.folded.reserve(normalized.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    f.folded += c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
  }
  f.plain = without_diacritics(f.folded);
  f.digits = digits_of(f.folded);
  return f;
}

int typo_edits_allowed(std::u32string_view form) {
  const std::size_t n = letters(form);
  if (n >= 14) return 2;
  if (n >= 6) return 1;
  return 0;
}

int typo_distance(std::u32string_view a, std::u32string_view b, int limit) {
  const auto la = static_cast<int>(a.size());
  const auto lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  // Three rows: the one before the previous is what a swap of neighbours looks back to.
  // Rows on the stack: every verdict judges a few candidates, and names are short.
  std::vector<int> heap;
  std::array<int, 3 * (kTypoMaxLength + 3)> stack{};
  const std::size_t width = static_cast<std::size_t>(lb) + 1;
  int* rows = stack.data();
  if (3 * width > stack.size()) {
    heap.resize(3 * width);
    rows = heap.data();
  }
  std::span<int> before(rows, width), previous(rows + width, width),
      current(rows + 2 * width, width);
  for (int j = 0; j <= lb; ++j)
    previous[static_cast<std::size_t>(j)] = j;
  for (int i = 1; i <= la; ++i) {
    current[0] = i;
    int row_min = i;
    for (int j = 1; j <= lb; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      const int cost = a[static_cast<std::size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
      int d = std::min({previous[uj] + 1, current[uj - 1] + 1, previous[uj - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<std::size_t>(i - 1)] == b[uj - 2] &&
          a[static_cast<std::size_t>(i - 2)] == b[uj - 1])
        d = std::min(d, before[uj - 2] + 1);
      current[uj] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[static_cast<std::size_t>(lb)], limit + 1);
}

std::optional<int> typo_edits(const TypoForm& name, const TypoForm& target, int allowed) {
  if (allowed <= 0 || name.folded == target.folded) return std::nullopt;
  // Slips are in letters: another number is another function ("Rum 101", "Rum 102").
  if (name.digits != target.digits) return std::nullopt;
  int best = typo_distance(name.folded, target.folded, allowed);
  if (name.plain != name.folded || target.plain != target.folded)
    best = std::min(best, typo_distance(name.plain, target.plain, allowed));
  if (best > allowed) return std::nullopt;
  return best;
}

TypoQuery::TypoQuery(std::string_view normalized, std::size_t max_prefix_letters) {
  reset(normalized, max_prefix_letters);
}

void TypoQuery::reset(std::string_view normalized, std::size_t max_prefix_letters) {
  count_ = 0;
  leading_letters_ = 0;
  const TypoForm whole = typo_form(normalized);
  add_segment(whole.folded, whole.plain);
  add_leading_words(max_prefix_letters);
}

void TypoQuery::add_leading_words(std::size_t max_letters) {
  if (max_letters <= leading_letters_) return;
  const std::size_t from = leading_letters_;
  leading_letters_ = max_letters;
  // A copy, as add_segment may move the segments. The folded and the plain form have their
  // spaces in the same places: taking diacritics off never adds or removes one.
  whole_folded_ = segments_.front().form.folded;
  whole_plain_ = segments_.front().form.plain;
  std::size_t f = 0, p = 0;
  while (true) {
    f = whole_folded_.find(U' ', f + 1);
    p = whole_plain_.find(U' ', p + 1);
    if (f == std::u32string::npos || p == std::u32string::npos) break;
    const std::u32string_view folded = std::u32string_view(whole_folded_).substr(0, f);
    const std::size_t n = letters(folded);
    if (n > max_letters + 2) break;
    if (from > 0 && n <= from + 2) continue;  // added before
    add_segment(folded, std::u32string_view(whole_plain_).substr(0, p));
  }
}

void TypoQuery::add_segment(std::u32string_view folded, std::u32string_view plain) {
  if (count_ == segments_.size()) {
    segments_.emplace_back();
    far_.emplace_back();
    far_made_.push_back(false);
  }
  Segment& segment = segments_[count_];
  far_[count_].clear();
  far_made_[count_] = false;
  ++count_;
  segment.form.folded.assign(folded);
  segment.form.plain.assign(plain);
  digits_of(folded, segment.form.digits);
  segment.depth = query_depth(folded);
  if (plain.size() > kTypoMaxLength) segment.depth = -1;
  segment.near.clear();
  if (segment.depth >= 0) {
    const std::uint64_t salt = digits_salt(segment.form.digits);
    auto emit = [&](std::uint64_t h) { segment.near.push_back(h ^ salt); };
    segment.near.reserve(plain.size() + 1);
    for_each_deletion(plain, 0, 1, emit);
  }
}

const std::vector<std::uint64_t>& TypoQuery::far(std::size_t segment) const {
  const Segment& s = segments_[segment];
  auto& out = far_[segment];
  if (far_made_[segment] || s.depth < 2) return out;
  far_made_[segment] = true;
  const std::size_t n = s.form.plain.size();
  out.reserve(n * (n - 1) / 2);
  const std::uint64_t salt = digits_salt(s.form.digits);
  auto emit = [&](std::uint64_t h) { out.push_back(h ^ salt); };
  for_each_deletion(s.form.plain, 2, 2, emit);
  return out;
}

void TypoIndex::add(std::uint32_t id, std::string_view normalized, bool prefix) {
  TypoForm form = typo_form(normalized);
  const int allowed = typo_edits_allowed(form.folded);
  if (allowed == 0 || form.folded.size() > kTypoMaxLength || form.plain.size() > kTypoMaxLength)
    return;
  const auto item = static_cast<std::uint32_t>(items_.size());
  const std::uint64_t salt = digits_salt(form.digits);
  auto emit = [&](std::uint64_t h) { keys_.push_back(((h ^ salt) >> 32) << 32 | item); };
  for_each_deletion(form.plain, 0, allowed, emit);
  if (prefix) max_prefix_letters_ = std::max(max_prefix_letters_, letters(form.folded));
  has_prefix_items_ = has_prefix_items_ || prefix;
  lengths_.set(form.plain.size());
  if (allowed >= 2) far_lengths_.set(form.plain.size());
  items_.push_back({id, prefix, allowed, std::move(form), std::string(normalized)});
}

void TypoIndex::build() {
  std::sort(keys_.begin(), keys_.end());
  keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
  keys_.shrink_to_fit();
  // 8 to 16 bits per key: about one probe in ten that misses goes on to the sorted keys.
  std::size_t bits = 512;
  while (bits < keys_.size() * 8)
    bits *= 2;
  filter_.assign(bits / 64, 0);
  filter_mask_ = bits - 1;
  for (std::uint64_t key : keys_) {
    const std::uint64_t bit = (key >> 32) & filter_mask_;
    filter_[bit >> 6] |= 1ULL << (bit & 63);
  }
}

bool TypoIndex::maybe_has(std::uint64_t h) const {
  if (filter_.empty()) return false;
  const std::uint64_t bit = (h >> 32) & filter_mask_;
  return (filter_[bit >> 6] >> (bit & 63) & 1U) != 0;
}

bool TypoIndex::near_length(const TypoQuery::Segment& segment, bool far) const {
  const auto& lengths = far ? far_lengths_ : lengths_;
  const std::size_t length = segment.form.plain.size();
  for (std::size_t l = length < 2 ? 0 : length - 2; l <= length + 2 && l <= kTypoMaxLength; ++l)
    if (lengths.test(l)) return true;
  return false;
}

std::vector<TypoIndex::Match> TypoIndex::find(const TypoQuery& query) const {
  // Two names a slip apart share many deletions: the (item, segment) pairs are gathered, then
  // each is judged once. A numbered series ("Leverantör 10001" … "Leverantör 29999") shares
  // deletions among thousands of entries: past the bounds the rest is not looked at, so a crafted
  // name costs a verdict at most that much work.
  constexpr std::size_t kMaxHits = 4096;
  constexpr std::size_t kMaxJudged = 512;
  // item << 32 | segment. Kept per thread: a verdict probes several indexes, and a vector
  // that keeps its capacity costs no allocation after the first.
  thread_local std::vector<std::uint64_t> hits;
  hits.clear();
  auto probe = [&](const std::vector<std::uint64_t>& fingerprints, std::uint32_t segment) {
    for (std::uint64_t fingerprint : fingerprints) {
      if (!maybe_has(fingerprint)) continue;
      const std::uint64_t high = fingerprint >> 32 << 32;
      for (auto it = std::lower_bound(keys_.begin(), keys_.end(), high);
           it != keys_.end() && (*it >> 32) == (high >> 32) && hits.size() < kMaxHits; ++it) {
        const auto item_no = static_cast<std::uint32_t>(*it & 0xFFFFFFFFU);
        if (segment != 0 && !items_[item_no].prefix) continue;
        hits.push_back(std::uint64_t{item_no} << 32 | segment);
      }
    }
  };
  const auto& segments = query.segments();
  for (std::uint32_t s = 0; s < segments.size(); ++s) {
    if (segments[s].depth < 0 || (s != 0 && !has_prefix_items_)) continue;
    if (!near_length(segments[s], false)) continue;
    probe(segments[s].near, s);
    if (segments[s].depth >= 2 && near_length(segments[s], true)) probe(query.far(s), s);
  }
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  if (hits.size() > kMaxJudged) hits.resize(kMaxJudged);

  std::vector<Match> out;
  for (std::uint64_t hit : hits) {
    const auto item_no = static_cast<std::uint32_t>(hit >> 32);
    const auto segment = static_cast<std::uint32_t>(hit & 0xFFFFFFFFU);
    const Item& item = items_[item_no];
    auto edits = typo_edits(segments[segment].form, item.form, item.allowed);
    if (!edits) continue;
    auto same =
        std::find_if(out.begin(), out.end(), [&](const Match& m) { return m.id == item.id; });
    if (same == out.end())
      out.push_back({item.id, item_no, *edits});
    else if (*edits < same->edits)
      *same = {item.id, item_no, *edits};
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) { return a.id < b.id; });
  return out;
}

std::size_t TypoIndex::memory_bytes() const {
  std::size_t bytes = sizeof(*this) + keys_.capacity() * sizeof(std::uint64_t) +
                      filter_.capacity() * sizeof(std::uint64_t) + items_.capacity() * sizeof(Item);
  for (const Item& item : items_)
    bytes += (item.form.folded.capacity() + item.form.plain.capacity()) * sizeof(char32_t) +
             item.text.capacity();
  return bytes;
}

}  // namespace galguard::rules
