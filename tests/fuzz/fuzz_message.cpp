// libFuzzer entry for the message view: any bytes must parse or be refused with InputError.
// Crashes, leaks and sanitizer reports are the findings; keep reproducers in
// corpus/message/ (unit_message replays that folder). Invariants (a violation traps): every
// recipient and every unreadable recipient header names one of the recipient headers, names
// are valid UTF-8, and an unreadable header's raw value is shown without control characters.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/message/message_view.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace {

using namespace galguard::rules;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

bool is_recipient_header(std::string_view name) {
  for (const std::string_view header :
       {"To", "Cc", "Bcc", "Reply-To", "Resent-To", "Resent-Cc", "Resent-Bcc"})
    if (name == header) return true;
  return false;
}

void check(const MessageView& view) {
  for (const Recipient& r : view.recipients)
    require(is_recipient_header(r.header) && is_valid_utf8(r.display_name) && !r.address.empty());
  for (const UnreadableHeader& u : view.unreadable_recipients) {
    require(is_recipient_header(u.header) && !u.reason.empty() && is_valid_utf8(u.raw));
    for (const char c : u.raw)
      require(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
  }
  require(is_valid_utf8(view.subject));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  try {
    // A small cap exercises the budget's cut without slowing the run.
    check(parse_message(raw, 4096));
  } catch (const InputError&) {
  }
  return 0;
}
