// Mailboxes out of address headers (To, Cc, ..., From), parsed by GMime from the raw header
// value so that RFC 2047 words in any charset, quoted strings, comments, groups and obsolete
// syntax are decoded the way GMime decodes them.
#pragma once

#include <gmime/gmime.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/message/gmime_guard.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::rules::gmime {

// The canonical name when `name` is one of the recipient headers (any case), else "".
std::string_view canonical_recipient_header(std::string_view name);

struct RecipientHeaders {
  std::vector<Recipient> recipients;
  std::vector<UnreadableHeader> unreadable;
};

// Every mailbox of every recipient header, in header order; groups give their members. A
// header that GMime cannot read completely (address_syntax.hpp finds a problem, GMime reads
// fewer mailboxes than the header holds or stops early, or gmime_guard changed its line)
// also gets an UnreadableHeader. `input` is the text GMime parsed (its header offsets point
// into it) and `guarded` the lines guard_for_gmime changed.
RecipientHeaders recipients_of(GMimeHeaderList* headers, GMimeParserOptions* options,
                               std::string_view input, std::span<const GuardedLine> guarded);

// The first From header, decoded, as "Name <addr>" for display; "" when there is none.
std::string from_of(GMimeHeaderList* headers, GMimeParserOptions* options);

}  // namespace galguard::rules::gmime
