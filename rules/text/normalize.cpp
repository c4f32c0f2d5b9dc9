#include "rules/text/normalize.hpp"

#include "rules/text/fold.hpp"
#include "rules/text/invisible.hpp"

#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cassert>

namespace galguard::rules {
namespace {

using detail::fold;
using detail::next_code_point;
using detail::skeleton_as_written;
using detail::skeleton_of_folded;

const UIDNA* idna() {
  static const UIDNA* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* u = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_UNICODE, &status);
    assert(U_SUCCESS(status));
    return u;
  }();
  return instance;
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

// Punctuation that joins the words of one name the way a space does: "Service-Desk_33900",
// "Lön/Skärholmen", "A.Andersson". The comma is not one: it marks "Last, First".
bool is_word_joiner(UChar32 c) {
  if (c < 0x80) return c == '-' || c == '.' || c == ';' || c == '_' || c == '/';
  return u_charType(c) == U_DASH_PUNCTUATION;
}

// The tokens of one name as views into the text they were cut from. Names have a few tokens,
// so the views stay on the stack when they fit.
class TokenViews {
 public:
  void push_back(std::string_view v) {
    if (size_ < inline_.size())
      inline_[size_] = v;
    else
      spill(v);
    ++size_;
  }
  std::string_view* begin() { return heap_.empty() ? inline_.data() : heap_.data(); }
  std::string_view* end() { return begin() + size_; }
  const std::string_view* begin() const { return heap_.empty() ? inline_.data() : heap_.data(); }
  const std::string_view* end() const { return begin() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() {
    size_ = 0;
    heap_.clear();
  }

 private:
  void spill(std::string_view v) {
    if (heap_.empty()) heap_.assign(inline_.begin(), inline_.end());
    heap_.push_back(v);
  }
  std::array<std::string_view, 16> inline_;
  std::vector<std::string_view> heap_;
  std::size_t size_ = 0;
};

// Splits folded UTF-8 text on white space and on the punctuation that joins words.
void split_spaces(std::string_view s, TokenViews& out) {
  // The same question for ASCII, asked once for all 128 bytes.
  static const std::array<bool, 0x80> kAsciiSeparator = [] {
    std::array<bool, 0x80> table{};
    for (UChar32 c = 0; c < 0x80; ++c)
      table[static_cast<std::size_t>(c)] = is_space(c) || is_word_joiner(c);
    return table;
  }();
  int32_t start = -1;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    int32_t at = i;
    auto byte = static_cast<unsigned char>(s[static_cast<size_t>(i)]);
    bool space;
    if (byte < 0x80) {
      ++i;  // ASCII needs no decoding
      space = kAsciiSeparator[byte];
    } else {
      const UChar32 c = next_code_point(s, i);
      space = c >= 0 && (is_space(c) || is_word_joiner(c));
    }
    if (space && start >= 0) {
      out.push_back(s.substr(static_cast<size_t>(start), static_cast<size_t>(at - start)));
      start = -1;
    } else if (!space && start < 0) {
      start = at;
    }
  }
  if (start >= 0) out.push_back(s.substr(static_cast<size_t>(start)));
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

// Tokens of folded text, as views into it; a lone comma between two non-empty parts marks
// "Last, First".
void tokens_of_folded(std::string_view folded, TokenViews& out) {
  std::string_view s = strip_quotes_and_space(folded);
  size_t comma = s.find(',');
  if (comma != std::string_view::npos && s.find(',', comma + 1) == std::string_view::npos) {
    TokenViews last;
    split_spaces(s.substr(0, comma), last);
    split_spaces(s.substr(comma + 1), out);
    if (!last.empty() && !out.empty()) {
      for (std::string_view t : last)
        out.push_back(t);
      return;
    }
    out.clear();
  }
  split_spaces(s, out);
}

// The parts joined by one space, written into a string of the right size at once.
template <typename Strings>
std::string join(const Strings& parts) {
  std::size_t size = 0;
  for (const auto& p : parts)
    size += p.size() + 1;
  std::string out(size == 0 ? 0 : size - 1, ' ');
  char* at = out.data();
  bool first = true;
  for (const auto& p : parts) {
    if (!first) ++at;  // over the space already there
    first = false;
    at = std::copy(p.begin(), p.end(), at);
  }
  return out;
}

// Tokens sorted and joined by one space.
std::string sorted_join(TokenViews views) {
  // Tokens nearly always differ in their first byte: compared there without a memcmp call.
  std::sort(views.begin(), views.end(), [](std::string_view a, std::string_view b) {
    if (!a.empty() && !b.empty() && a[0] != b[0])
      return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
    return a < b;
  });
  return join(views);
}

TokenViews split_on_space(std::string_view s) {
  TokenViews out;
  for (size_t start = 0; start <= s.size();) {
    size_t space = s.find(' ', start);
    if (space == std::string_view::npos) space = s.size();
    out.push_back(s.substr(start, space - start));
    start = space + 1;
  }
  return out;
}

std::vector<std::string> to_strings(const TokenViews& views) {
  return {views.begin(), views.end()};
}

// The tokens of a raw name, as views into `folded`, which receives the name folded.
TokenViews tokens_of_name(std::string_view name, std::string& folded) {
  std::string stripped;
  folded = fold(strip_invisible(name, stripped));
  TokenViews tokens;
  tokens_of_folded(folded, tokens);
  return tokens;
}

// The skeleton of the folded tokens, in display order and as a sorted key.
void add_skeletons(NameForms& f) {
  // One skeleton pass over the whole name; if a mapping ever produced or ate a space, the
  // tokens would no longer line up, so then each token is done on its own.
  f.skeleton = skeleton_of_folded(f.normalized);
  TokenViews pieces = split_on_space(f.skeleton);
  if (f.tokens.empty() || pieces.size() != f.tokens.size()) {
    std::vector<std::string> skeletons;
    for (const auto& t : f.tokens)
      skeletons.push_back(skeleton_of_folded(t));
    f.skeleton = join(skeletons);
    TokenViews views;
    for (const auto& t : skeletons)
      views.push_back(t);
    f.skeleton_key = sorted_join(views);
    return;
  }
  f.skeleton_key = sorted_join(pieces);
}

}  // namespace

NameForms name_forms(std::string_view name) {
  std::string stripped;
  const std::string_view visible = strip_invisible(name, stripped);
  NameForms f;
  const std::string folded = fold(visible);
  TokenViews tokens;
  tokens_of_folded(folded, tokens);
  f.tokens = to_strings(tokens);
  f.normalized = join(tokens);
  f.key = sorted_join(tokens);
  add_skeletons(f);
  // The skeleton of the name as written (white space, quotes and "Last, First" handled as for
  // the folded name, case kept).
  const std::string as_written = skeleton_as_written(visible);
  TokenViews cased;
  tokens_of_folded(as_written, cased);
  f.cased_skeleton = join(cased);
  f.cased_skeleton_key = sorted_join(cased);
  f.displayed = displayed_order(name);
  return f;
}

std::vector<std::string> name_tokens(std::string_view name) {
  std::string folded;
  return to_strings(tokens_of_name(name, folded));
}

std::string normalize(std::string_view name) {
  std::string folded;
  return join(tokens_of_name(name, folded));
}

std::string name_key(std::string_view name) {
  std::string folded;
  return sorted_join(tokens_of_name(name, folded));
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

}  // namespace galguard::rules
