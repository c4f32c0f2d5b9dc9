// Identity numbers reduced to keys: each validator returns one integer per number, the same for
// every way of writing it, so that detect_personal_data can count distinct numbers without keeping
// the digits. Internal to rules/detectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "rules/detectors/civil_date.hpp"

namespace galguard::rules::detail {

using IdentityKey = std::uint64_t;

enum class Country : std::uint8_t { se = 1, dk, no, fi };

// The digits fit in 40 bits (at most 12 decimal digits), the country goes above them.
constexpr IdentityKey make_identity_key(Country country, std::uint64_t value) {
  return (static_cast<IdentityKey>(country) << 56) | value;
}

// Each refuses a birth date after `today` (kNoFutureCheck: none).
std::optional<IdentityKey> se_personnummer_key(std::string_view text, CivilDate today);
std::optional<IdentityKey> dk_cpr_key(std::string_view text, CivilDate today);
std::optional<IdentityKey> no_fodselsnummer_key(std::string_view text, CivilDate today);
std::optional<IdentityKey> fi_henkilotunnus_key(std::string_view text, CivilDate today);

struct IdentityMatch {
  std::size_t end;  // one past the number
  IdentityKey key;
};

// The identity number that starts at pos, in any country's written form, when one does. The
// number must stand alone: no letter or digit right before or after it.
std::optional<IdentityMatch> match_identity_at(std::string_view text, std::size_t pos,
                                               CivilDate today);

}  // namespace galguard::rules::detail
