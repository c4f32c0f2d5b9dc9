// Danish CPR number. Numbers issued since 2007 need not pass the old mod-11 test, so only the
// date is checked; the 7th digit with the year gives the century (CPR-kontoret's table), and a
// birth date after today is refused.
#include "rules/detectors/digits.hpp"
#include "rules/detectors/identity_numbers.hpp"
#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace detail {
namespace {

// CPR-kontoret, "Personnummeret i CPR-systemet": 7th digit and year (YY) → century.
//   7th digit   YY 00-36   YY 37-57   YY 58-99
//   0-3         1900       1900       1900
//   4, 9        2000       1900       1900
//   5-8         2000       2000       1800
int cpr_century(int seventh_digit, int yy) {
  if (seventh_digit <= 3) return 1900;
  if (seventh_digit == 4 || seventh_digit == 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;  // 5 to 8
}

}  // namespace

std::optional<IdentityKey> dk_cpr_key(std::string_view text, CivilDate today) {
  std::string_view date = text.substr(0, 6);
  std::string_view serial;
  if (text.size() == 10) {
    serial = text.substr(6);
  } else if (text.size() == 11 && text[6] == '-') {
    serial = text.substr(7);
  } else {
    return std::nullopt;
  }
  if (!all_digits(date) || !all_digits(serial)) return std::nullopt;

  const int yy = two_digits(date, 4);
  const int year = cpr_century(serial[0] - '0', yy) + yy;
  if (!valid_birth_date(year, two_digits(date, 2), two_digits(date, 0), today)) {
    return std::nullopt;
  }
  return make_identity_key(Country::dk, digits_value(date) * 10000 + digits_value(serial));
}

}  // namespace detail

bool valid_dk_cpr(std::string_view text, CivilDate today) {
  return detail::dk_cpr_key(text, today).has_value();
}

}  // namespace galguard::rules
