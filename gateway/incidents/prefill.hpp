// An incident record prefilled from the evidence galguard has, so the DPO starts from facts and
// edits only what a machine cannot know (consequences, severity, measures). DESIGN.md §6.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gateway/quarantine/incident.hpp"
#include "gateway/quarantine/store.hpp"

namespace galguard::incidents {

using quarantine::Organisation;

// From a held message: occurred = received_at, discovered = `at` (when it is marked),
// nature "unauthorised disclosure by misaddressed e-mail", recipients and cause from the
// verdict's findings (display name, address, explanation, expected), data subjects = identity
// numbers (at least 1 when any personal data was found), records = identity numbers,
// data_categories and special_categories from the personal-data summary, encrypted from the
// content type (encrypted_content), measures_taken = the message's action log as a timeline
// ("2026-11-25 14:03 UTC held (IDENTITY_MISMATCH)", ...). created_* are left for the store.
quarantine::Incident incident_from_message(const quarantine::HeldMessage& message,
                                           const std::vector<quarantine::ActionLogEntry>& log,
                                           const Organisation& organisation, std::int64_t at);

// From an audit finding (a JSON object of `audit --json`'s "findings" array, serialised):
// occurred = discovered = `at`, finding = "CODE address", recipients = the entry, cause = the
// finding's explanation, no data subjects yet (the DPO counts them from the exposure).
quarantine::Incident incident_from_finding(const std::string& finding_json,
                                           const Organisation& organisation, std::int64_t at);

// Whether a message's content is encrypted: a top-level (or first-level multipart/mixed part)
// Content-Type of application/pkcs7-mime, application/x-pkcs7-mime, multipart/encrypted or
// application/pgp-encrypted, or an inline "-----BEGIN PGP MESSAGE-----" body. Signed-only
// mail (multipart/signed) is not encrypted.
bool encrypted_content(std::string_view raw);

}  // namespace galguard::incidents
