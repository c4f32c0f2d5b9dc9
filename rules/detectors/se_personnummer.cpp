// Swedish personnummer and samordningsnummer (Skatteverket SKV 704 and 707).
#include <array>

#include "rules/detectors/digits.hpp"
#include "rules/detectors/identity_numbers.hpp"
#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace detail {
namespace {

// Luhn over YYMMDDNNNC: the century is not part of the checksum.
bool luhn_ok(std::string_view ten) {
  int sum = 0;
  for (std::size_t i = 0; i < ten.size(); ++i) {
    int v = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += v / 10 + v % 10;
  }
  return sum % 10 == 0;
}

}  // namespace

std::optional<IdentityKey> se_personnummer_key(std::string_view text, CivilDate today) {
  // The 10-digit forms carry no century: accept the date when it is a birth date (a day of the
  // calendar, not after today) in either century the separator allows ("+" means 100 years or
  // older).
  std::array<int, 2> centuries{19, 20};
  std::array<char, 10> ten{};
  switch (text.size()) {
    case 10:  // YYMMDDNNNC
      if (!all_digits(text)) return std::nullopt;
      text.copy(ten.data(), 10);
      break;
    case 11:  // YYMMDD-NNNC, YYMMDD+NNNC
      if (!all_digits(text.substr(0, 6)) || !all_digits(text.substr(7))) return std::nullopt;
      if (text[6] == '+') {
        centuries = {18, 19};
      } else if (text[6] != '-') {
        return std::nullopt;
      }
      text.copy(ten.data(), 6);
      text.substr(7).copy(ten.data() + 6, 4);
      break;
    case 12:  // YYYYMMDDNNNC
    case 13:  // YYYYMMDD-NNNC
      if (!all_digits(text.substr(0, 8)) || !all_digits(text.substr(text.size() - 4))) {
        return std::nullopt;
      }
      if (text.size() == 13 && text[8] != '-') return std::nullopt;
      centuries[0] = centuries[1] = two_digits(text, 0);
      if (centuries[0] < 18 || centuries[0] > 20) return std::nullopt;
      text.substr(2, 6).copy(ten.data(), 6);
      text.substr(text.size() - 4).copy(ten.data() + 6, 4);
      break;
    default:
      return std::nullopt;
  }
  const std::string_view digits(ten.data(), ten.size());
  if (!luhn_ok(digits)) return std::nullopt;

  const int yy = two_digits(digits, 0);
  const int month = two_digits(digits, 2);
  int day = two_digits(digits, 4);
  if (day > 60) day -= 60;  // samordningsnummer
  if (!valid_birth_date(centuries[0] * 100 + yy, month, day, today) &&
      !valid_birth_date(centuries[1] * 100 + yy, month, day, today)) {
    return std::nullopt;
  }
  // 19121212-1212 and 121212-1212 are one number: the key leaves the century out.
  return make_identity_key(Country::se, digits_value(digits));
}

}  // namespace detail

bool valid_se_personnummer(std::string_view text, CivilDate today) {
  return detail::se_personnummer_key(text, today).has_value();
}

}  // namespace galguard::rules
