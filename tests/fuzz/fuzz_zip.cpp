// libFuzzer entry for the ZIP reader: list the archive, then read every member under small
// limits. Any bytes must be read or refused with NotInspected; crashes, leaks, sanitizer
// reports and broken invariants (a violation traps) are the findings. Keep reproducers in
// corpus/zip/ (unit_extract replays that folder). Invariants: no member read exceeds the file
// size limit or its ratio limit, and find() finds every listed name.
// Run: fuzz_zip -max_total_time=60 CORPUS_COPY tests/fuzz/corpus/zip
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extract/extract_error.hpp"
#include "extract/formats/zip_reader.hpp"

namespace {

using namespace galguard::extract;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Limits limits;
  limits.max_file_bytes = 256 * 1024;
  limits.max_entries = 32;
  limits.max_ratio = 50;
  try {
    const ZipReader zip(bytes, limits);
    require(zip.members().size() <= limits.max_entries);
    for (std::size_t i = 0; i < zip.members().size(); ++i) {
      const ZipReader::Member& member = zip.members()[i];
      const auto found = zip.find(member.name);
      require(found && zip.members()[*found].name == member.name && *found <= i);
      try {
        const std::string content = zip.read(i);
        require(content.size() <= limits.max_file_bytes);
        require(content.size() <=
                limits.max_ratio * std::max<std::uint64_t>(member.compressed_size, 4096));
      } catch (const NotInspected&) {
      }
    }
  } catch (const NotInspected&) {
  }
  return 0;
}
