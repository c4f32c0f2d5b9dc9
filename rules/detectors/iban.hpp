// IBAN (ISO 13616) recognition. Internal to rules/detectors.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace galguard::rules::detail {

constexpr std::size_t kMaxIbanLength = 34;

struct IbanMatch {
  std::size_t end;                           // one past the IBAN as written
  std::array<char, kMaxIbanLength> compact;  // upper case, no spaces: the key for counting
  std::size_t length;
  std::string_view view() const { return {compact.data(), length}; }
};

// Length of the IBANs of a country ("SE" -> 24), 0 for a country we do not know.
std::size_t iban_length(char first, char second);

// The IBAN that starts at pos, written compact or in the printed groups of four.
std::optional<IbanMatch> match_iban_at(std::string_view text, std::size_t pos);

}  // namespace galguard::rules::detail
