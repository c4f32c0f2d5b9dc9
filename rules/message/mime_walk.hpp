// The body of a message as the detectors see it: every text/* part decoded to UTF-8 (HTML
// stripped), attachment file names, and whether anything is encrypted. Follows multipart/*
// and message/rfc822, so a forwarded mail is read too.
#pragma once

#include <gmime/gmime.h>

#include "rules/message/message_view.hpp"
#include "rules/message/text_budget.hpp"

namespace galguard::rules::gmime {

// Adds to view.texts (through budget), view.attachment_names and view.encrypted.
void scan_body(GMimeObject* root, GMimeParserOptions* options, TextBudget& budget,
               MessageView& view);

}  // namespace galguard::rules::gmime
