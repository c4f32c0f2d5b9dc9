// libFuzzer entry for the message view: any bytes must parse or be refused with InputError.
// Crashes, leaks and sanitizer reports are the findings; keep reproducers in
// corpus/message/ (unit_message replays that folder).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/message/message_view.hpp"
#include "rules/text/input_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  try {
    // A small cap exercises the budget's cut without slowing the run.
    (void)galguard::rules::parse_message(raw, 4096);
  } catch (const galguard::rules::InputError&) {
  }
  return 0;
}
