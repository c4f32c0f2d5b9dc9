// libFuzzer entry for the PDF reader: any bytes must give text or NotInspected. Crashes, leaks,
// hangs and sanitizer reports are the findings (most would be poppler's: the sandbox is what
// contains those in production); keep reproducers in corpus/pdf/ (unit_extract replays that
// folder). Invariants (a violation traps): the text stays within the sink's limit and is valid
// UTF-8, and a reason is never empty.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extract_error.hpp"
#include "extract/formats/pdf_reader.hpp"
#include "extract/formats/text_sink.hpp"
#include "rules/text/normalize.hpp"

namespace {

using namespace galguard::extract;

constexpr std::size_t kTextLimit = 1024 * 1024;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Limits limits;
  limits.max_pdf_pages = 20;  // a mutated /Count must not make one input take seconds
  TextSink sink(kTextLimit);
  try {
    read_pdf(bytes, limits, sink);
  } catch (const NotInspected& e) {
    require(*e.what() != '\0');
  }
  require(sink.text().size() <= kTextLimit);
  require(galguard::rules::is_valid_utf8(sink.text()));
  return 0;
}
