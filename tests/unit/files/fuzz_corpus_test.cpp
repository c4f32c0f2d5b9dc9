// Replays the LDIF fuzz corpus (seeds and any crash reproducers kept there) as an ordinary test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "directory/files/file_sources.hpp"
#include "rules/model/snapshot.hpp"

namespace galguard::directory {
namespace {

TEST(FuzzCorpus, LdifInputsParseAndIndex) {
  const std::filesystem::path dir =
      std::filesystem::path(GALGUARD_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "ldif";
  int files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(f.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    ParsedEntries parsed = parse_ldif(text.str(), f.path().filename().string());
    const rules::Snapshot snapshot(std::move(parsed.entries));
    for (const auto& d : parsed.diagnostics)
      EXPECT_FALSE(d.place.empty()) << f.path();
    ++files;
  }
  EXPECT_GE(files, 1);
}

}  // namespace
}  // namespace galguard::directory
