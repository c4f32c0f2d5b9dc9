// Personal data in a message: checksum-validated national identity numbers, IBANs and Art. 9
// special categories by term lists (sv, da, nb, en). Only counts and category names leave here:
// the numbers themselves are never returned. DESIGN.md §3 "Personal data in the message".
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/detectors/civil_date.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::rules {

struct PersonalData {
  int identity_numbers = 0;  // distinct valid identity numbers: an estimate of data subjects
  int ibans = 0;             // distinct valid IBANs
  // Stable names, sorted: health, ethnic-origin, political-opinions, religion, trade-union,
  // genetic, biometric, sex-life, criminal-offences, identity-number, financial.
  std::vector<std::string> categories;
  std::vector<std::string> places;  // where anything was found: "subject", "body", ...

  // Art. 9 (and Art. 10 criminal offences) data present: raises the verdict's severity.
  bool special_category() const;
  bool empty() const { return identity_numbers == 0 && ibans == 0 && categories.empty(); }
};

// `today` is the sender's calendar day: a number whose birth date comes after it is no number.
// Without it no birth date is refused as lying in the future.
PersonalData detect_personal_data(std::span<const TextBlock> texts, CivilDate today);
PersonalData detect_personal_data(std::span<const TextBlock> texts);

// Single validators, for tests and for the detectors themselves. Each takes the number as
// written (separators allowed where the format has them) and checks length, date (not after
// `today`) and checksum.
bool valid_se_personnummer(std::string_view text,  // also samordningsnummer (day + 60)
                           CivilDate today = kNoFutureCheck);
bool valid_dk_cpr(std::string_view text, CivilDate today = kNoFutureCheck);
bool valid_no_fodselsnummer(std::string_view text,  // also D- and H-numbers
                            CivilDate today = kNoFutureCheck);
bool valid_fi_henkilotunnus(std::string_view text, CivilDate today = kNoFutureCheck);
bool valid_iban(std::string_view text);

}  // namespace galguard::rules
