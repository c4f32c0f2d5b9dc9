// Finds identity numbers in running text by their written shape, then lets each country's
// validator decide. One number is tried against the countries in a fixed order and counted
// under the first that accepts it, so a string valid in two countries is one number.
#include <initializer_list>

#include "rules/detectors/digits.hpp"
#include "rules/detectors/identity_numbers.hpp"
#include "rules/detectors/text_scan.hpp"

namespace galguard::rules::detail {
namespace {

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Not the tail of a longer number: "+46701234567" is a phone number, "3.1415926535" a decimal.
bool number_starts_at(std::string_view text, std::size_t pos) {
  if (word_char_before(text, pos)) return false;
  if (pos == 0) return true;
  const char before = text[pos - 1];
  if (before == '+') return false;
  return !((before == '.' || before == ',') && pos >= 2 && is_digit(text[pos - 2]));
}

bool number_ends_at(std::string_view text, std::size_t end) {
  if (end >= text.size()) return true;
  if (word_char_at(text, end)) return false;
  const char after = text[end];
  return !((after == '.' || after == ',') && end + 1 < text.size() && is_digit(text[end + 1]));
}

std::size_t digit_run(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && is_digit(text[end]))
    ++end;
  return end - pos;
}

bool is_label_separator(char c) {
  return c == ' ' || c == '\t' || c == ':' || c == '.' || c == '-' || c == '#' || c == '/';
}

bool starts_with_cpr(std::string_view word) {
  return word.size() >= 3 && ascii_lower(word[0]) == 'c' && ascii_lower(word[1]) == 'p' &&
         ascii_lower(word[2]) == 'r';
}

bool equals_ascii_ci(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (ascii_lower(word[i]) != lower[i]) return false;
  }
  return true;
}

// A bare 10-digit DK number only counts after its label ("CPR", "CPR-nr.", "cpr.nr.: ",
// "CPR nummer"): on its own it is as likely a Swedish phone number.
bool cpr_label_before(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  auto skip_separators = [&] {
    for (int n = 0; n < 4 && i > 0 && is_label_separator(text[i - 1]); ++n)
      --i;
  };
  auto word_before = [&]() -> std::string_view {
    const std::size_t end = i;
    while (i > 0 && is_ascii_alpha(text[i - 1]) && end - i < 12)
      --i;
    if (word_char_before(text, i)) return {};  // longer, or not plain ASCII: not a label
    return text.substr(i, end - i);
  };
  skip_separators();
  std::string_view word = word_before();
  if (starts_with_cpr(word)) return true;
  if (!equals_ascii_ci(word, "nr") && !equals_ascii_ci(word, "nummer") &&
      !equals_ascii_ci(word, "no")) {
    return false;
  }
  skip_separators();
  return starts_with_cpr(word_before());
}

using KeyFn = std::optional<IdentityKey> (*)(std::string_view, CivilDate);

std::optional<IdentityMatch> first_valid(std::string_view text, std::size_t pos, std::size_t length,
                                         CivilDate today, std::initializer_list<KeyFn> fns) {
  if (pos + length > text.size() || !number_ends_at(text, pos + length)) return std::nullopt;
  const std::string_view number = text.substr(pos, length);
  for (KeyFn fn : fns) {
    if (auto key = fn(number, today)) return IdentityMatch{pos + length, *key};
  }
  return std::nullopt;
}

}  // namespace

std::optional<IdentityMatch> match_identity_at(std::string_view text, std::size_t pos,
                                               CivilDate today) {
  if (pos >= text.size() || !is_digit(text[pos]) || !number_starts_at(text, pos)) {
    return std::nullopt;
  }
  const std::size_t run = digit_run(text, pos);
  const std::size_t after = pos + run;
  switch (run) {
    case 6:  // YYMMDD-NNNC, YYMMDD+NNNC, DDMMYY-SSSS, DDMMYYCZZZQ
      // Each validator checks the separator and the tail itself.
      return first_valid(text, pos, 11, today,
                         {se_personnummer_key, dk_cpr_key, fi_henkilotunnus_key});
    case 8:  // YYYYMMDD-NNNC
      if (after < text.size() && text[after] == '-') {
        return first_valid(text, pos, 13, today, {se_personnummer_key});
      }
      return std::nullopt;
    case 10:
      if (auto match = first_valid(text, pos, 10, today, {se_personnummer_key})) return match;
      if (cpr_label_before(text, pos)) return first_valid(text, pos, 10, today, {dk_cpr_key});
      return std::nullopt;
    case 11:
      return first_valid(text, pos, 11, today, {no_fodselsnummer_key});
    case 12:
      return first_valid(text, pos, 12, today, {se_personnummer_key});
    default:
      return std::nullopt;
  }
}

}  // namespace galguard::rules::detail
