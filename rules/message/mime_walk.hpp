// The body of a message as the detectors see it: every inline text/* part decoded to UTF-8 (HTML
// stripped), attachment file names, the attachments (text parts with a file name and attached
// messages read here, other files kept for extract/), and whether anything is encrypted.
// Follows multipart/* and message/rfc822, so a forwarded mail is read too, as an attachment.
#pragma once

#include <gmime/gmime.h>

#include "rules/message/message_view.hpp"
#include "rules/message/text_budget.hpp"

namespace galguard::rules::gmime {

// Attached messages inside attached messages are followed this deep (the message is depth 0);
// deeper ones are listed as "limit: depth".
inline constexpr int kMaxAttachmentDepth = 4;

// Adds to view.texts (through budget), view.attachment_names, view.attachments and
// view.encrypted.
void scan_body(GMimeObject* root, GMimeParserOptions* options, TextBudget& budget,
               MessageView& view);

}  // namespace galguard::rules::gmime
