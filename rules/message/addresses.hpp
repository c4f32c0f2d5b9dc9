// Mailboxes out of address headers (To, Cc, ..., From), parsed by GMime from the raw header
// value so that RFC 2047 words in any charset, quoted strings, comments, groups and obsolete
// syntax are decoded the way GMime decodes them.
#pragma once

#include <gmime/gmime.h>

#include <string>
#include <string_view>
#include <vector>

#include "rules/message/message_view.hpp"

namespace galguard::rules::gmime {

// The canonical name when `name` is one of the recipient headers (any case), else "".
std::string_view canonical_recipient_header(std::string_view name);

// Every mailbox of every recipient header, in header order; groups give their members.
std::vector<Recipient> recipients_of(GMimeHeaderList* headers, GMimeParserOptions* options);

// The first From header, decoded, as "Name <addr>" for display; "" when there is none.
std::string from_of(GMimeHeaderList* headers, GMimeParserOptions* options);

}  // namespace galguard::rules::gmime
