// Parsers for directory export files. Each takes the file's text and its name (for places in
// diagnostics) and never throws on a bad entry: it reports it and goes on.
#pragma once

#include <string>
#include <string_view>

#include "directory/source.hpp"

namespace galguard::directory {

// LDIF (RFC 2849) with AD attributes: displayName, mail, proxyAddresses, targetAddress,
// objectClass, msExchRecipientTypeDetails, showInAddressBook, msExchHideFromAddressLists,
// whenChanged, objectGUID. Base64 "::" values, folded lines, comments.
ParsedEntries parse_ldif(std::string_view text, const std::string& file_name);

// Graph JSON export: one page {"value":[...]} or an array of pages, of users, orgContacts and
// groups. Throws rules::InputError on a JSON syntax error (file:line:column).
ParsedEntries parse_graph_json(std::string_view text, const std::string& file_name);

// CSV from Get-Recipient / Get-GlobalAddressList | Export-Csv (with or without the #TYPE line,
// ',' or ';' delimiter, UTF-8 or UTF-16 with BOM).
ParsedEntries parse_recipient_csv(std::string_view text, const std::string& file_name);

}  // namespace galguard::directory
