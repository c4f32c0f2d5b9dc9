#include "rules/detectors/iban.hpp"

#include "rules/detectors/digits.hpp"
#include "rules/detectors/personal_data.hpp"
#include "rules/detectors/text_scan.hpp"

namespace galguard::rules {
namespace detail {
namespace {

struct CountryLength {
  char code[3];
  unsigned char length;
};

// SWIFT IBAN registry: the EEA, plus the SEPA members around it that Nordic mail meets.
constexpr CountryLength kLengths[] = {
    {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GI", 23},
    {"GL", 18}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21},
    {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28},
    {"PT", 25}, {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"VA", 22},
};

char ascii_upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
}

bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end, letters as
// 10..35; done digit by digit so no big integer is needed.
bool mod97_ok(std::string_view compact) {
  unsigned remainder = 0;
  auto add = [&](char c) {
    if (is_digit(c)) {
      remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
    }
  };
  for (char c : compact.substr(4))
    add(c);
  for (char c : compact.substr(0, 4))
    add(c);
  return remainder == 1;
}

bool iban_ok(std::string_view compact) {
  if (compact.size() < 5) return false;
  if (compact.size() != iban_length(compact[0], compact[1])) return false;
  if (!is_digit(compact[2]) || !is_digit(compact[3])) return false;
  return mod97_ok(compact);
}

}  // namespace

std::size_t iban_length(char first, char second) {
  first = ascii_upper(first);
  second = ascii_upper(second);
  for (const auto& row : kLengths) {
    if (row.code[0] == first && row.code[1] == second) return row.length;
  }
  return 0;
}

std::optional<IbanMatch> match_iban_at(std::string_view text, std::size_t pos) {
  // Cheapest tests first: this runs at every word start.
  if (pos + 4 > text.size() || !is_digit(text[pos + 2]) || !is_digit(text[pos + 3])) {
    return std::nullopt;
  }
  const std::size_t want = iban_length(text[pos], text[pos + 1]);
  if (want == 0 || word_char_before(text, pos)) return std::nullopt;

  IbanMatch match{};
  std::size_t i = pos;
  while (match.length < want) {
    if (i < text.size() && is_ascii_alnum(text[i])) {
      match.compact[match.length++] = ascii_upper(text[i++]);
    } else if (match.length % 4 == 0 && i + 1 < text.size() && text[i] == ' ' &&
               is_ascii_alnum(text[i + 1])) {
      ++i;  // the space between printed groups of four
    } else {
      return std::nullopt;
    }
  }
  if (word_char_at(text, i) || !iban_ok(match.view())) return std::nullopt;
  match.end = i;
  return match;
}

}  // namespace detail

bool valid_iban(std::string_view text) {
  std::array<char, detail::kMaxIbanLength> compact{};
  std::size_t length = 0;
  for (char c : text) {
    if (c == ' ') continue;
    if (!detail::is_ascii_alnum(c) || length == compact.size()) return false;
    compact[length++] = detail::ascii_upper(c);
  }
  return detail::iban_ok({compact.data(), length});
}

}  // namespace galguard::rules
