// libFuzzer: parse_ldif on arbitrary bytes, then index the result as the gateway would.
// Run: fuzz_ldif -max_total_time=60 CORPUS_COPY tests/fuzz/corpus/ldif
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "directory/files/file_sources.hpp"
#include "rules/model/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  galguard::directory::ParsedEntries parsed = galguard::directory::parse_ldif(text, "fuzz.ldif");
  for (const auto& d : parsed.diagnostics)
    if (d.place.empty() || d.message.empty()) __builtin_trap();
  const galguard::rules::Snapshot snapshot(std::move(parsed.entries));
  for (galguard::rules::EntryIndex i = 0; i < snapshot.size(); ++i)
    (void)snapshot.by_name_key(snapshot.name_key(i));
  return 0;
}
