// Replays the fuzz corpora (tests/fuzz/corpus/office and zip) as ordinary tests, so that a
// reproducer kept there is checked on every run, under the sanitizers in CI.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "extract/extract_error.hpp"
#include "extract/formats/office_reader.hpp"
#include "extract/formats/zip_reader.hpp"
#include "tests/unit/extract/office_fixture.hpp"

namespace galguard::extract {
namespace {

std::vector<std::string> corpus(const char* name) {
  const std::filesystem::path folder =
      std::filesystem::path(GALGUARD_SOURCE_DIR) / "tests/fuzz/corpus" / name;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files.push_back(bytes.str());
  }
  return files;
}

// As fuzz_office.cpp: the first byte picks the format, and whether the rest is the file or
// its main part's XML.
TEST(OfficeCorpus, EveryFileIsReadOrRefused) {
  const std::vector<std::string> files = corpus("office");
  ASSERT_FALSE(files.empty());
  constexpr OfficeFormat formats[] = {OfficeFormat::docx, OfficeFormat::xlsx, OfficeFormat::pptx,
                                      OfficeFormat::opendocument};
  for (const std::string& file : files) {
    if (file.empty()) continue;
    const auto first = static_cast<unsigned char>(file[0]);
    const OfficeFormat format = formats[first % 4];
    std::string bytes = file.substr(1);
    if ((first & 4) != 0) bytes = fixture::package_main_part(format, bytes);
    TextSink sink(16 * 1024);
    try {
      read_office(bytes, format, Limits{}, sink);
    } catch (const NotInspected&) {
    }
  }
}

TEST(ZipCorpus, EveryMemberIsReadOrRefused) {
  const std::vector<std::string> files = corpus("zip");
  ASSERT_FALSE(files.empty());
  Limits limits;
  limits.max_entries = 32;
  for (const std::string& file : files) {
    try {
      const ZipReader zip(file, limits);
      for (std::size_t i = 0; i < zip.members().size(); ++i) {
        try {
          zip.read(i);
        } catch (const NotInspected&) {
        }
      }
    } catch (const NotInspected&) {
    }
  }
}

}  // namespace
}  // namespace galguard::extract
