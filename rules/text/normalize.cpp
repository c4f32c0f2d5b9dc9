#include "rules/text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <optional>

namespace galguard::rules {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    assert(U_SUCCESS(status) && n != nullptr);
    return n;
  }();
  return *instance;
}

// uspoof_getSkeleton is thread-safe on a checker that is never modified after creation.
const USpoofChecker* spoof_checker() {
  static const USpoofChecker* checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* c = uspoof_open(&status);
    assert(U_SUCCESS(status));
    return c;
  }();
  return checker;
}

const UIDNA* idna() {
  static const UIDNA* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* u = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_UNICODE, &status);
    assert(U_SUCCESS(status));
    return u;
  }();
  return instance;
}

icu::UnicodeString from_utf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string icu_fold(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in = from_utf8(text);
  icu::UnicodeString out = nfkc_casefold().normalize(in, status);
  return to_utf8(U_SUCCESS(status) ? out : in);
}

std::string icu_skeleton(std::string_view folded) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in = from_utf8(folded);
  icu::UnicodeString skel;
  uspoof_getSkeletonUnicodeString(spoof_checker(), 0, in, skel, &status);
  if (U_FAILURE(status)) return std::string(folded);
  // ICU's prototypes are not all lower case ("0" becomes "O"): fold once more.
  icu::UnicodeString refolded = nfkc_casefold().normalize(skel, status);
  return to_utf8(U_SUCCESS(status) ? refolded : skel);
}

// Latin text (below U+0250, no combining marks) folds and skeletonises code point by code
// point: NFKC case folding and TR39 skeletons are per-character mappings there, and no two
// results compose across a boundary. Tables of ICU's own answers make the common case a
// lookup; anything else goes through ICU whole. tests/unit/text checks both paths agree.
constexpr char32_t kTableLimit = 0x250;

struct LatinTables {
  std::array<std::string, kTableLimit> fold;
  std::array<std::string, kTableLimit> skeleton;  // of the folded code point
  std::array<bool, kTableLimit> usable{};
  // The same for ASCII where the answer is one ASCII byte (nearly always): no string append.
  std::array<char, 0x80> ascii_fold{};
  std::array<char, 0x80> ascii_skeleton{};
};

const LatinTables& latin_tables() {
  static const LatinTables tables = [] {
    LatinTables t;
    for (char32_t cp = 0; cp < kTableLimit; ++cp) {
      // Combining marks compose with their neighbours: those strings go through ICU.
      auto category = u_charType(static_cast<UChar32>(cp));
      if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
          category == U_COMBINING_SPACING_MARK || (cp >= 0xD800 && cp < 0xE000))
        continue;
      std::string one = to_utf8(icu::UnicodeString(static_cast<UChar32>(cp)));
      t.fold[cp] = icu_fold(one);
      t.skeleton[cp] = icu_skeleton(t.fold[cp]);
      t.usable[cp] = true;
      if (cp < 0x80) {
        auto single = [](const std::string& m) {
          return m.size() == 1 && static_cast<unsigned char>(m[0]) < 0x80 ? m[0] : '\0';
        };
        t.ascii_fold[cp] = single(t.fold[cp]);
        t.ascii_skeleton[cp] = single(t.skeleton[cp]);
      }
    }
    return t;
  }();
  return tables;
}

// Next code point of UTF-8 text at i (advancing i); a negative value for invalid bytes.
UChar32 next_code_point(std::string_view s, int32_t& i) {
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c;
}

// Maps each code point through a Latin table; nullopt when a code point is not in it.
std::optional<std::string> map_latin(std::string_view text,
                                     const std::array<std::string, kTableLimit>& table,
                                     const std::array<char, 0x80>& ascii) {
  const LatinTables& t = latin_tables();
  std::string out;
  out.reserve(text.size());
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    auto c = static_cast<unsigned char>(text[static_cast<size_t>(i)]);
    if (c < 0x80 && ascii[c] != '\0') {
      out.push_back(ascii[c]);
      ++i;
      continue;
    }
    if (c < 0x80 && t.usable[c]) {  // the ASCII loop without decoding
      out += table[c];
      ++i;
      continue;
    }
    UChar32 cp = next_code_point(text, i);
    if (cp < 0 || static_cast<char32_t>(cp) >= kTableLimit || !t.usable[cp]) return std::nullopt;
    out += table[cp];
  }
  return out;
}

std::string fold(std::string_view text) {
  const LatinTables& t = latin_tables();
  if (auto fast = map_latin(text, t.fold, t.ascii_fold)) return std::move(*fast);
  return icu_fold(text);
}

std::string skeleton_of_folded(std::string_view folded) {
  const LatinTables& t = latin_tables();
  if (auto fast = map_latin(folded, t.skeleton, t.ascii_skeleton)) return std::move(*fast);
  return icu_skeleton(folded);
}

bool is_quote(UChar32 c) {
  switch (c) {
    case u'"':
    case u'\'':
    case u'`':
    case 0x00AB:
    case 0x00BB:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2039:
    case 0x203A:
      return true;
    default:
      return false;
  }
}

bool is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(c);
}

// Splits folded UTF-8 text on white space.
void split_spaces(std::string_view s, std::vector<std::string>& out) {
  int32_t start = -1;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    int32_t at = i;
    auto byte = static_cast<unsigned char>(s[static_cast<size_t>(i)]);
    UChar32 c = byte;
    if (byte < 0x80)
      ++i;  // ASCII needs no decoding
    else
      c = next_code_point(s, i);
    bool space = c >= 0 && is_space(c);
    if (space && start >= 0) {
      out.emplace_back(s.substr(static_cast<size_t>(start), static_cast<size_t>(at - start)));
      start = -1;
    } else if (!space && start < 0) {
      start = at;
    }
  }
  if (start >= 0) out.emplace_back(s.substr(static_cast<size_t>(start)));
}

// Drops white space and quotes (possibly several layers) from both ends.
std::string_view strip_quotes_and_space(std::string_view s) {
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    int32_t i = 0;
    UChar32 first = next_code_point(s, i);
    if (first >= 0 && (is_quote(first) || is_space(first))) {
      s.remove_prefix(static_cast<size_t>(i));
      changed = true;
      continue;
    }
    auto end = static_cast<int32_t>(s.size());
    int32_t last_start = end;
    U8_BACK_1(reinterpret_cast<const uint8_t*>(s.data()), 0, last_start);
    int32_t j = last_start;
    UChar32 last = next_code_point(s, j);
    if (last >= 0 && (is_quote(last) || is_space(last))) {
      s.remove_suffix(static_cast<size_t>(end - last_start));
      changed = true;
    }
  }
  return s;
}

// Tokens of folded text; a lone comma between two non-empty parts marks "Last, First".
std::vector<std::string> tokens_of_folded(std::string_view folded) {
  std::string_view s = strip_quotes_and_space(folded);
  std::vector<std::string> out;
  out.reserve(8);  // names have a few tokens: one allocation instead of growing
  size_t comma = s.find(',');
  if (comma != std::string_view::npos && s.find(',', comma + 1) == std::string_view::npos) {
    std::vector<std::string> last;
    split_spaces(s.substr(0, comma), last);
    split_spaces(s.substr(comma + 1), out);
    if (!last.empty() && !out.empty()) {
      out.insert(out.end(), last.begin(), last.end());
      return out;
    }
    out.clear();
  }
  split_spaces(s, out);
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

// Tokens sorted and joined by one space; names have few tokens, so the views stay on the
// stack when they fit.
template <typename Strings>
std::string sorted_join(const Strings& parts) {
  constexpr std::size_t kInline = 16;
  std::array<std::string_view, kInline> inline_views;
  std::vector<std::string_view> heap_views;
  std::string_view* begin = inline_views.data();
  if (parts.size() > kInline) {
    heap_views.resize(parts.size());
    begin = heap_views.data();
  }
  std::string_view* end = std::copy(parts.begin(), parts.end(), begin);
  std::sort(begin, end);
  std::string out;
  for (auto* p = begin; p != end; ++p) {
    if (p != begin) out += ' ';
    out += *p;
  }
  return out;
}

std::vector<std::string_view> split_on_space(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t start = 0; start <= s.size();) {
    size_t space = s.find(' ', start);
    if (space == std::string_view::npos) space = s.size();
    out.push_back(s.substr(start, space - start));
    start = space + 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> name_tokens(std::string_view name) {
  return tokens_of_folded(fold(name));
}

NameForms name_forms(std::string_view name) {
  NameForms f;
  f.tokens = name_tokens(name);
  f.normalized = join(f.tokens);
  f.key = sorted_join(f.tokens);
  // One skeleton pass over the whole name; if a mapping ever produced or ate a space, the
  // tokens would no longer line up, so then each token is done on its own.
  f.skeleton = skeleton_of_folded(f.normalized);
  std::vector<std::string_view> pieces = split_on_space(f.skeleton);
  if (f.tokens.empty() || pieces.size() != f.tokens.size()) {
    std::vector<std::string> skeletons;
    for (const auto& t : f.tokens)
      skeletons.push_back(skeleton_of_folded(t));
    f.skeleton = join(skeletons);
    f.skeleton_key = sorted_join(skeletons);
    return f;
  }
  f.skeleton_key = sorted_join(pieces);
  return f;
}

std::string normalize(std::string_view name) {
  return join(name_tokens(name));
}

std::string name_key(std::string_view name) {
  return sorted_join(name_tokens(name));
}

std::string skeleton_key(std::string_view name) {
  return name_forms(name).skeleton_key;
}

std::string skeleton(std::string_view text) {
  return skeleton_of_folded(fold(text));
}

std::string domain_to_unicode(std::string_view domain) {
  if (domain.empty()) return {};
  // Plain ASCII without punycode labels is its own Unicode form: only the case changes.
  bool ascii = std::all_of(domain.begin(), domain.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii && domain.find("xn--") == std::string_view::npos &&
      domain.find("XN--") == std::string_view::npos)
    return fold(domain);
  std::string out(domain.size() * 4 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  int32_t n = uidna_nameToUnicodeUTF8(idna(), domain.data(), static_cast<int32_t>(domain.size()),
                                      out.data(), static_cast<int32_t>(out.size()), &info, &status);
  if (U_FAILURE(status) || info.errors != 0) return fold(domain);
  out.resize(static_cast<size_t>(n));
  return fold(out);
}

std::string normalize_address(std::string_view address) {
  auto is_strip = [](char c) {
    return c == '<' || c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
  };
  while (!address.empty() && is_strip(address.front()))
    address.remove_prefix(1);
  while (!address.empty() && is_strip(address.back()))
    address.remove_suffix(1);
  size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return {};
  return fold(address.substr(0, at)) + "@" + domain_to_unicode(address.substr(at + 1));
}

std::string_view domain_of(std::string_view normalized_address) {
  size_t at = normalized_address.rfind('@');
  return at == std::string_view::npos ? std::string_view{} : normalized_address.substr(at + 1);
}

bool is_valid_utf8(std::string_view text) {
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());)
    if (next_code_point(text, i) < 0) return false;
  return true;
}

namespace detail {
// For tests: the production fold, and the ICU-only answers the Latin tables must agree with.
std::string fold_for_test(std::string_view text) {
  return fold(text);
}
std::string icu_fold_for_test(std::string_view text) {
  return icu_fold(text);
}
std::string icu_skeleton_for_test(std::string_view folded) {
  return icu_skeleton(folded);
}
}  // namespace detail

}  // namespace galguard::rules
