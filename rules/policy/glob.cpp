// glob_match: the one glob dialect of the policy (names, domains, addresses).
//
// '?' means "at most one character" and a space means "any run of white space, even none", so
// the usual two-pointer star algorithm (which assumes '?' eats exactly one character) does not
// apply. The pattern is instead run as a small NFA: the set of pattern positions reachable after
// each text character. That is O(pattern × text) whatever the pattern, so "a*a*a*a*a*b" against
// a long run of "a" costs no more than any other pattern.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "rules/policy/policy.hpp"

namespace galguard::rules {
namespace {

enum class Kind : std::uint8_t { literal, any_run, optional_one, space_run };

struct Token {
  Kind kind;
  UChar32 c;  // for literal
};

// Invalid UTF-8 is decoded to a value no real code point has, so it still matches only itself.
constexpr UChar32 kInvalid = 0x110000;

UChar32 next_code_point(std::string_view s, std::int32_t& i) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  const std::int32_t start = i;
  UChar32 c;
  U8_NEXT(p, i, n, c);
  return c < 0 ? kInvalid + p[start] : c;
}

bool is_white(UChar32 c) {
  return c < kInvalid && u_isUWhiteSpace(c);
}

std::vector<Token> compile(std::string_view pattern) {
  std::vector<Token> out;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(pattern.size());) {
    UChar32 c = next_code_point(pattern, i);
    Token t{Kind::literal, c};
    if (c == '*')
      t.kind = Kind::any_run;
    else if (c == '?')
      t.kind = Kind::optional_one;
    else if (is_white(c))
      t.kind = Kind::space_run;
    // "**" and "  " mean the same as one; keeping one keeps the state set small.
    if (t.kind != Kind::literal && t.kind != Kind::optional_one && !out.empty() &&
        out.back().kind == t.kind)
      continue;
    out.push_back(t);
  }
  return out;
}

// Positions that can be passed without reading a character: '*', '?' and ' ' may match nothing.
void close_over_empty(const std::vector<Token>& tokens, std::vector<char>& states) {
  for (size_t i = 0; i < tokens.size(); ++i)
    if (states[i] && tokens[i].kind != Kind::literal) states[i + 1] = 1;
}

// What a pattern needs: most domain and address entries are plain text or have only '*'.
// Anything with '?', ASCII white space or a lead byte of non-ASCII white space (U+0085, U+00A0,
// U+1680, U+2000.., U+3000) takes the NFA.
enum class Shape { plain, suffix, stars, general };

Shape classify(std::string_view pattern) {
  static const std::array<std::uint8_t, 256> kind = [] {
    std::array<std::uint8_t, 256> k{};
    k['*'] = 1;
    for (unsigned char c : std::string_view("? \t\r\n\f\v\xC2\xE1\xE2\xE3"))
      k[c] = 2;
    return k;
  }();
  std::uint8_t seen = 0;
  for (char c : pattern)
    seen |= kind[static_cast<unsigned char>(c)];
  if ((seen & 2) != 0) return Shape::general;
  if ((seen & 1) == 0) return Shape::plain;
  // "*@stockholm.se", "*.onmicrosoft.com": the shape of nearly every domain and allow glob.
  if (pattern.front() == '*' && pattern.find('*', 1) == std::string_view::npos)
    return Shape::suffix;
  return Shape::stars;
}

// Domain and address globs ("*.onmicrosoft.com", "*@stockholm.se") have only '*': the classic
// two-pointer match with one backtrack point, over bytes (a UTF-8 literal matches only itself).
bool star_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

// The NFA with its state set in one machine word: name patterns are short.
constexpr size_t kMaxSmallTokens = 63;

bool small_nfa_match(const Token* tokens, size_t n, std::string_view text) {
  // Positions that may be passed without reading: their bit moves one up in the closure.
  std::uint64_t passable = 0;
  for (size_t i = 0; i < n; ++i)
    if (tokens[i].kind != Kind::literal) passable |= std::uint64_t{1} << i;
  auto close = [&](std::uint64_t states) {
    for (std::uint64_t more = (states & passable) << 1; (more & ~states) != 0;
         more = (states & passable) << 1)
      states |= more;
    return states;
  };
  std::uint64_t current = close(1);
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(text.size());) {
    const UChar32 c = next_code_point(text, i);
    std::uint64_t next = 0;
    // Only the live positions, usually one or two of them.
    for (std::uint64_t live = current & ((std::uint64_t{1} << n) - 1); live != 0;
         live &= live - 1) {
      const auto s = static_cast<size_t>(std::countr_zero(live));
      const Token& t = tokens[s];
      const bool stay = t.kind == Kind::any_run || (t.kind == Kind::space_run && is_white(c));
      const bool advance = (t.kind == Kind::literal && t.c == c) || t.kind == Kind::optional_one;
      if (stay) next |= std::uint64_t{1} << s;
      if (advance) next |= std::uint64_t{1} << (s + 1);
    }
    if (next == 0) return false;
    current = close(next);
  }
  return (current >> n & 1U) != 0;
}

// The general NFA: the set of pattern positions reachable after each text character.
bool nfa_match(const std::vector<Token>& tokens, std::string_view text) {
  // Most names are turned away by the pattern's first letter ("service ?desk*"): no NFA for them.
  if (!tokens.empty() && tokens.front().kind == Kind::literal) {
    std::int32_t i = 0;
    if (text.empty() || next_code_point(text, i) != tokens.front().c) return false;
  }
  if (tokens.size() <= kMaxSmallTokens) return small_nfa_match(tokens.data(), tokens.size(), text);
  const size_t n = tokens.size();
  std::vector<char> current(n + 1, 0);
  std::vector<char> next(n + 1, 0);
  current[0] = 1;
  close_over_empty(tokens, current);

  for (std::int32_t i = 0; i < static_cast<std::int32_t>(text.size());) {
    const UChar32 c = next_code_point(text, i);
    std::fill(next.begin(), next.end(), 0);
    bool alive = false;
    for (size_t s = 0; s < n; ++s) {
      if (!current[s]) continue;
      const Token& t = tokens[s];
      switch (t.kind) {
        case Kind::literal:
          if (t.c == c) next[s + 1] = alive = true;
          break;
        case Kind::any_run:
          next[s] = alive = true;
          break;
        case Kind::optional_one:
          next[s + 1] = alive = true;
          break;
        case Kind::space_run:
          if (is_white(c)) next[s] = alive = true;
          break;
      }
    }
    if (!alive) return false;
    close_over_empty(tokens, next);
    current.swap(next);
  }
  return current[n] != 0;
}

}  // namespace

struct Glob::Compiled {
  std::vector<Token> tokens;
};

Glob::Glob(std::string_view pattern)
    : pattern_(pattern), shape_(static_cast<std::uint8_t>(classify(pattern))) {
  if (static_cast<Shape>(shape_) == Shape::general)
    compiled_ = std::make_unique<Compiled>(Compiled{compile(pattern)});
}
Glob::~Glob() = default;
Glob::Glob(Glob&&) noexcept = default;
Glob& Glob::operator=(Glob&&) noexcept = default;

bool Glob::matches(std::string_view text) const {
  switch (static_cast<Shape>(shape_)) {
    case Shape::plain:
      return pattern_ == text;
    case Shape::suffix:
      return text.ends_with(std::string_view(pattern_).substr(1));
    case Shape::stars:
      return star_match(pattern_, text);
    case Shape::general:
      return nfa_match(compiled_->tokens, text);
  }
  return false;
}

GlobList::GlobList(std::vector<std::string> globs) : texts_(std::move(globs)) {
  compiled_.reserve(texts_.size());
  for (const auto& g : texts_)
    compiled_.emplace_back(g);
}

void GlobList::push_back(std::string glob) {
  compiled_.emplace_back(glob);
  texts_.push_back(std::move(glob));
}

bool GlobList::any_matches(std::string_view text) const {
  return std::any_of(compiled_.begin(), compiled_.end(),
                     [&](const Glob& g) { return g.matches(text); });
}

bool glob_match(std::string_view pattern, std::string_view text) {
  return Glob(pattern).matches(text);
}

}  // namespace galguard::rules
