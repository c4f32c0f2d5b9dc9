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

// What one attachment carries, for the DPO's breakdown: names and counts, never content.
struct AttachmentData {
  std::string name;  // file name or path inside an archive or attached message
  std::string type;  // "pdf", "xlsx", "zip", "message", "csv", ...
  bool inspected = false;
  std::string why;           // why it, or the rest of it, was not read; "" when read in full
  int identity_numbers = 0;  // distinct within this attachment
  std::vector<std::string> categories;

  bool operator==(const AttachmentData&) const = default;
};

struct PersonalData {
  // Distinct valid identity numbers across the body and every attachment: an estimate of data
  // subjects (a number in the body and again in a spreadsheet is one person).
  int identity_numbers = 0;
  int ibans = 0;  // distinct valid IBANs
  // Stable names, sorted: health, ethnic-origin, political-opinions, religion, trade-union,
  // genetic, biometric, sex-life, criminal-offences, identity-number, financial.
  std::vector<std::string> categories;
  // Where anything was found: "subject", "body", "attachment-name", "attachment: NAME".
  std::vector<std::string> places;
  std::vector<AttachmentData> attachments;  // every attachment, found something or not

  // Art. 9 (and Art. 10 criminal offences) data present: raises the verdict's severity.
  bool special_category() const;
  bool empty() const { return identity_numbers == 0 && ibans == 0 && categories.empty(); }
};

// `today` is the sender's calendar day: a number whose birth date comes after it is no number.
// Without it no birth date is refused as lying in the future.
PersonalData detect_personal_data(std::span<const TextBlock> texts, CivilDate today);
PersonalData detect_personal_data(std::span<const TextBlock> texts);
// The message's texts with the attachment breakdown: blocks of an attachment count for it.
PersonalData detect_personal_data(const MessageView& message, CivilDate today);

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
