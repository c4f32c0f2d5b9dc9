// The two halves of a held message as the review UI shows them: the header block (always) and
// the body (only on an explicit request). Header values are decoded (RFC 2047) so a subject
// reads as its sender wrote it; the body is shown as sent, without MIME decoding.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace galguard::review {

struct HeaderField {
  std::string name;
  std::string value;  // unfolded, encoded words decoded, UTF-8
};

// The header fields of raw RFC 5322 bytes, up to the first empty line; at most max_fields.
std::vector<HeaderField> header_fields(std::string_view raw, std::size_t max_fields = 500);
// The value of the first field `name` (case-insensitive); "" when absent.
std::string header_value(const std::vector<HeaderField>& fields, std::string_view name);
// Everything after the first empty line; "" when there is none.
std::string_view message_body(std::string_view raw);

}  // namespace galguard::review
