// libFuzzer entry for the Office and OpenDocument reader. The first byte picks the format
// (docx, xlsx, pptx, OpenDocument by its value % 4); with its bit 4 set the rest is the XML of
// the format's main part, stored into a fresh ZIP here (a mutated part inside a given ZIP
// seldom gets past the CRC check to the XML readers), otherwise the rest is the file. Any
// bytes must be read or refused with NotInspected; crashes, leaks, sanitizer reports and
// broken invariants (a violation traps) are the findings. Keep reproducers in corpus/office/
// (unit_extract replays that folder). Invariants: the text stays within the sink's limit and
// is valid UTF-8.
// Run: fuzz_office -max_total_time=60 CORPUS_COPY tests/fuzz/corpus/office
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extract/extract_error.hpp"
#include "extract/formats/office_reader.hpp"
#include "rules/text/normalize.hpp"
#include "tests/unit/extract/office_fixture.hpp"

namespace {

using namespace galguard::extract;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  constexpr OfficeFormat formats[] = {OfficeFormat::docx, OfficeFormat::xlsx, OfficeFormat::pptx,
                                      OfficeFormat::opendocument};
  const OfficeFormat format = formats[data[0] % 4];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string packaged;
  if ((data[0] & 4) != 0) {
    packaged = galguard::extract::fixture::package_main_part(format, bytes);
    bytes = packaged;
  }
  // Small limits keep each run fast and exercise the paths past them.
  Limits limits;
  limits.max_file_bytes = 1024 * 1024;
  limits.max_entries = 32;
  constexpr std::size_t kTextLimit = 16 * 1024;
  TextSink sink(kTextLimit);
  try {
    read_office(bytes, format, limits, sink);
  } catch (const NotInspected&) {
  }
  require(sink.text().size() <= kTextLimit);
  require(galguard::rules::is_valid_utf8(sink.text()));
  return 0;
}
