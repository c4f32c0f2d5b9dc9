// Norwegian fødselsnummer, D-number and H-number (Skatteetaten): DDMMYYIIIKK with two mod-11
// check digits.
#include <array>

#include "rules/detectors/digits.hpp"
#include "rules/detectors/identity_numbers.hpp"
#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace detail {
namespace {

// -1 when the remainder would need check digit 10: no such number is issued.
int mod11_check_digit(std::string_view digits, const int* weights) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i)
    sum += (digits[i] - '0') * weights[i];
  const int check = 11 - sum % 11;
  if (check == 11) return 0;
  return check == 10 ? -1 : check;
}

// The individual number tells the century; combinations outside the table are not issued.
int fnr_century(int individual, int yy) {
  if (individual <= 499) return 1900;
  if (individual <= 749 && yy >= 54) return 1800;
  if (yy <= 39) return 2000;
  if (individual >= 900) return 1900;
  return -1;
}

}  // namespace

std::optional<IdentityKey> no_fodselsnummer_key(std::string_view text, CivilDate today) {
  if (text.size() != 11 || !all_digits(text)) return std::nullopt;

  static constexpr std::array<int, 9> kWeights1{3, 7, 6, 1, 8, 9, 4, 5, 2};
  static constexpr std::array<int, 10> kWeights2{5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  const int k1 = mod11_check_digit(text.substr(0, 9), kWeights1.data());
  if (k1 < 0 || k1 != text[9] - '0') return std::nullopt;
  const int k2 = mod11_check_digit(text.substr(0, 10), kWeights2.data());
  if (k2 < 0 || k2 != text[10] - '0') return std::nullopt;

  int day = two_digits(text, 0);
  int month = two_digits(text, 2);
  if (day > 40) {
    day -= 40;  // D-number
  } else if (month > 40) {
    month -= 40;  // H-number
  }
  const int yy = two_digits(text, 4);
  const int century = fnr_century(static_cast<int>(digits_value(text.substr(6, 3))), yy);
  if (century < 0 || !valid_birth_date(century + yy, month, day, today)) return std::nullopt;
  return make_identity_key(Country::no, digits_value(text));
}

}  // namespace detail

bool valid_no_fodselsnummer(std::string_view text, CivilDate today) {
  return detail::no_fodselsnummer_key(text, today).has_value();
}

}  // namespace galguard::rules
