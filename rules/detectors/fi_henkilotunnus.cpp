// Finnish henkilötunnus (DVV): DDMMYYCZZZQ, with the century signs added in 2023.
#include "rules/detectors/digits.hpp"
#include "rules/detectors/identity_numbers.hpp"
#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace detail {
namespace {

constexpr std::string_view kCheckChars = "0123456789ABCDEFHJKLMNPRSTUVWXY";

// Each sign names a century; several signs share one so that more numbers fit in a day. The
// sign is part of who the number belongs to, so its index goes into the key.
constexpr std::string_view kCenturySigns = "+-YXWVUABCDEF";

int century_of_sign(std::size_t index) {
  if (index == 0) return 1800;
  return index <= 6 ? 1900 : 2000;
}

}  // namespace

std::optional<IdentityKey> fi_henkilotunnus_key(std::string_view text, CivilDate today) {
  if (text.size() != 11) return std::nullopt;
  const std::string_view date = text.substr(0, 6);
  const std::string_view individual = text.substr(7, 3);
  if (!all_digits(date) || !all_digits(individual)) return std::nullopt;
  const std::size_t sign = kCenturySigns.find(text[6]);
  if (sign == std::string_view::npos) return std::nullopt;
  // 000 and 001 are never issued.
  if (digits_value(individual) < 2) return std::nullopt;

  const std::uint64_t nine = digits_value(date) * 1000 + digits_value(individual);
  if (kCheckChars[nine % 31] != text[10]) return std::nullopt;
  const int yy = two_digits(date, 4);
  if (!valid_birth_date(century_of_sign(sign) + yy, two_digits(date, 2), two_digits(date, 0),
                        today)) {
    return std::nullopt;
  }
  return make_identity_key(Country::fi, nine * 16 + sign);
}

}  // namespace detail

bool valid_fi_henkilotunnus(std::string_view text, CivilDate today) {
  return detail::fi_henkilotunnus_key(text, today).has_value();
}

}  // namespace galguard::rules
