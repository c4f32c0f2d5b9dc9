// libFuzzer entry for reading recipient headers: the bytes are one To value. Invariants (a
// violation traps): the scanner's ranges stay inside the value, decoded text is valid UTF-8,
// the escaped raw value has no control character, and the header is either read completely
// (as many mailboxes as the scanner counts) or recorded unreadable. Seeds in
// corpus/address_list/ (unit_message replays that folder).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rules/message/address_syntax.hpp"
#include "rules/message/message_view.hpp"
#include "rules/message/rfc2047.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace {

using namespace galguard::rules;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

bool has_control(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

void pure_functions(std::string_view value) {
  const AddressListShape shape = scan_address_list(value);
  for (const ByteRange& range : shape.name_ranges)
    require(range.begin <= range.end && range.end <= value.size());
  (void)canonical_encoded_words(value, shape.name_ranges);
  for (const HeaderTextPart& part : split_encoded_words(value))
    require(!part.encoded || is_valid_utf8(part.text));
  const std::string shown = escape_for_display(value, 64);
  require(is_valid_utf8(shown) && !has_control(shown));
}

void as_to_header(std::string value) {
  for (char& c : value)
    if (c == '\n') c = ' ';  // one header line
  const AddressListShape shape = scan_address_list(unfold_header(value));
  MessageView view;
  try {
    view = parse_message("To:" + value + "\r\nSubject: x\r\n\r\nbody\r\n", 4096);
  } catch (const InputError&) {
    return;
  }
  for (const Recipient& r : view.recipients)
    require(r.header == "To" && is_valid_utf8(r.display_name) && !r.address.empty());
  for (const UnreadableHeader& u : view.unreadable_recipients)
    require(u.header == "To" && !u.reason.empty() && is_valid_utf8(u.raw) && !has_control(u.raw));
  require(view.unreadable_recipients.size() <= 1);
  if (view.unreadable_recipients.empty()) require(view.recipients.size() == shape.mailboxes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  pure_functions(value);
  as_to_header(std::string(value));
  return 0;
}
