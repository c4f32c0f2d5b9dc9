// Reads the attachments that rules/ left with their bytes (Attachment::content): PDF, Office,
// OpenDocument, text files, ZIP archives and saved messages, recursively. The text goes to
// view.texts as "attachment" blocks of its attachment; files found inside are appended to
// view.attachments after their container, with its name in their path. Runs in the sandboxed
// child (extract/sandbox.hpp) in production, and directly in tests and the fuzzers.
#pragma once

#include <cstddef>

#include "extract/limits.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::extract {

// The limits that span all files of one message.
struct MessageAllowance {
  explicit MessageAllowance(const Limits& limits) : text_left(limits.max_text_bytes) {}
  std::size_t text_left;
  std::size_t entries = 0;  // archive members seen so far
};

// Reads view.attachments[index] (which holds its bytes) and what is inside it. Never throws for
// what a file contains: every failure ends in the attachment's `why`.
void read_attachment(rules::MessageView& view, std::size_t index, const Limits& limits,
                     MessageAllowance& allowance);

// read_attachment for every attachment still holding its bytes.
void read_attachments(rules::MessageView& view, const Limits& limits);

}  // namespace galguard::extract
