// What the three export formats share once their syntax is read: proxy address lists, recipient
// types, dates, GUIDs and text encodings of Exchange/Entra data. Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/model/entry.hpp"

namespace galguard::directory::files {

bool istarts_with(std::string_view s, std::string_view prefix);
std::string place(std::string_view file, std::size_t line);

// Export files may come as UTF-8 (with or without BOM) or, from Windows PowerShell and ldifde,
// as UTF-16 with BOM. Returns the text as UTF-8 without BOM; `storage` holds it when converted.
std::string_view as_utf8(std::string_view bytes, std::string& storage);

// proxyAddresses values ("SMTP:a@x", "smtp:b@x", "X500:/o=...") folded into an entry: every SMTP
// address (either case of the prefix, primary included) goes to proxies once; other types are not
// mail routes and are dropped. Returns the primary: the single upper-case "SMTP:" value, "" when
// there are none or several (no defined primary then).
std::string add_proxy_addresses(rules::Entry& entry, const std::vector<std::string>& values);

// targetAddress / ExternalEmailAddress without its "SMTP:"/"smtp:" prefix; "" for other address
// types (X500:, EX:), which do not route mail outside.
std::string smtp_target(std::string_view value);

// msExchRecipientTypeDetails (a 64-bit bit value) → kind, nullopt when the value is unknown.
std::optional<rules::EntryKind> kind_from_type_details(std::uint64_t value);
// Exchange RecipientType / RecipientTypeDetails names ("UserMailbox", "MailContact", ...).
std::optional<rules::EntryKind> kind_from_recipient_type(std::string_view name);

// LDAP GeneralizedTime ("20210322160500.0Z", "20210322170500+0100") → "2021-03-22T16:05:00Z".
std::string generalized_time_to_iso(std::string_view value);
// Dates as exports print them: ISO 8601 ("2021-03-22T16:05:00Z", with fraction or offset),
// "2021-03-22 16:05:00", "3/22/2021 4:05:00 PM" (en-US; day first when the first number is
// above 12), "22.03.2021 16:05:00". Times without a zone are taken as UTC. "" when unreadable.
std::string date_to_iso(std::string_view value);

// objectGUID's 16 bytes in AD byte order (the first three groups little-endian) → the canonical
// lower-case "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"; "" when it is not 16 bytes.
std::string guid_from_ad_bytes(std::string_view bytes);

// The Entra tenant an address lives in: "elevstockholm.onmicrosoft.com" for
// "m@elevstockholm.onmicrosoft.com" or "m@elevstockholm.mail.onmicrosoft.com", else the domain.
std::string tenant_of_address(std::string_view address);

// True when nothing in the entry can receive mail: such an entry is not in the GAL.
bool has_no_address(const rules::Entry& entry);

}  // namespace galguard::directory::files
