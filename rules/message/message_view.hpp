// What the checks and detectors see of one message: every recipient mailbox with its decoded
// display name, plus the decoded text the personal-data detectors read. Built with GMime.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galguard::rules {

struct Recipient {
  std::string header;        // "To", "Cc", "Bcc", "Reply-To", "Resent-To", -Cc or -Bcc
  std::string display_name;  // decoded to UTF-8 (RFC 2047, quoted strings); "" when none
  std::string address;       // as written (addr-spec), domain left as in the message
  std::string address_key;   // normalize_address(address): what comparisons use
};

// A recipient header that could not be read into mailboxes completely (a bracket or quote not
// closed, a control character, an address without '@', past a size limit, ...). The mailboxes
// that were read stay in recipients; this record makes the message fail closed
// (unreadable-recipient) instead of passing with a recipient nobody judged.
struct UnreadableHeader {
  std::string header;  // canonical name, as in Recipient::header
  std::string raw;     // the value as written, escaped for display (escape_for_display)
  std::string reason;  // short, for the sender: "a comment '(' that is not closed"
};

struct TextBlock {
  std::string place;    // "subject", "body", "attachment-name", "attachment"
  std::string text;     // UTF-8
  int attachment = -1;  // for "attachment": its index in MessageView::attachments
};

// One attached file, attached message, or file inside either. rules/ reads text parts and
// attached messages itself; every other file keeps its bytes in `content` until extract/ reads
// it (in a child process with limits) and sets what it found.
struct Attachment {
  std::string name;          // file name, or a path: "cases.zip/pupils.xlsx"; never content
  std::string content_type;  // as declared, lower case; "" inside archives
  std::string type;          // what it was read as: "pdf", "xlsx", "zip", "message", "csv", ...
  bool inspected = false;    // any of its text was read
  std::string why;           // why not (all) of it was read: "encrypted", "limit: text", ...
  std::string content;       // bytes waiting for extract/ (transfer encoding undone)
  int depth = 1;             // 1 for a file attached to the message itself

  // Still holds its bytes for extract/ (why is "not read" until a reader says otherwise).
  bool waiting() const { return why == "not read"; }
};

struct MessageView {
  std::vector<Recipient> recipients;
  std::vector<UnreadableHeader> unreadable_recipients;
  std::vector<TextBlock> texts;  // subject, decoded text parts, attachment file names
  std::vector<std::string> attachment_names;
  std::vector<Attachment> attachments;  // in document order, files inside others after them
  std::string from;                     // decoded From header, for display only
  std::string subject;                  // decoded
  std::string message_id;               // without angle brackets
  std::string date;                     // Date header as written
  bool encrypted = false;  // S/MIME (application/pkcs7-mime) or PGP (multipart/encrypted)
};

// Parses raw RFC 5322 bytes. Throws rules::InputError when the bytes are not a mail message
// (no header section). Limits: text handed to the detectors is capped at max_text_bytes.
MessageView parse_message(std::string_view raw, std::size_t max_text_bytes = 4 * 1024 * 1024);

// Raw header bytes as one line of printable text for a log, the sender or the DPO: control
// characters, bytes that are not UTF-8, backslashes and invisible or bidi format characters
// as \xNN or \u{NNNN}; past max_bytes of input the rest is cut with a note of its size.
std::string escape_for_display(std::string_view raw, std::size_t max_bytes = 300);

// One unfolded header value as a person reads it: RFC 2047 encoded words decoded, raw 8-bit
// text taken as UTF-8 (else the fallback charsets), always valid UTF-8, trimmed.
std::string decode_header_text(std::string_view value);

// The bytes of a text file (a part, an archive member) as valid UTF-8: a byte order mark first,
// then the declared charset, then UTF-8, windows-1252 and iso-8859-1. NUL characters dropped.
std::string decode_file_text(std::string_view bytes, std::string_view charset = {});

}  // namespace galguard::rules
