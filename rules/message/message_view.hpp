// What the checks and detectors see of one message: every recipient mailbox with its decoded
// display name, plus the decoded text the personal-data detectors read. Built with GMime.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galguard::rules {

struct Recipient {
  std::string header;        // "To", "Cc", "Bcc", "Reply-To", "Resent-To", "Resent-Cc"
  std::string display_name;  // decoded to UTF-8 (RFC 2047, quoted strings); "" when none
  std::string address;       // as written (addr-spec), domain left as in the message
  std::string address_key;   // normalize_address(address): what comparisons use
};

struct TextBlock {
  std::string place;  // "subject", "body", "attachment-name"
  std::string text;   // UTF-8
};

struct MessageView {
  std::vector<Recipient> recipients;
  std::vector<TextBlock> texts;  // subject, decoded text parts, attachment file names
  std::vector<std::string> attachment_names;
  std::string from;        // decoded From header, for display only
  std::string subject;     // decoded
  std::string message_id;  // without angle brackets
  std::string date;        // Date header as written
  bool encrypted = false;  // S/MIME (application/pkcs7-mime) or PGP (multipart/encrypted)
};

// Parses raw RFC 5322 bytes. Throws rules::InputError when the bytes are not a mail message
// (no header section). Limits: text handed to the detectors is capped at max_text_bytes.
MessageView parse_message(std::string_view raw, std::size_t max_text_bytes = 4 * 1024 * 1024);

// One unfolded header value as a person reads it: RFC 2047 encoded words decoded, raw 8-bit
// text taken as UTF-8 (else the fallback charsets), always valid UTF-8, trimmed.
std::string decode_header_text(std::string_view value);

}  // namespace galguard::rules
