// The ZIP reader as a DPO meets it: what an archive holds is listed and read, and a hostile
// archive (a bomb, an encrypted member, thousands of members, a cut-off file) ends in a reason
// instead of memory, time or a crash.
#include "extract/formats/zip_reader.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <string>

#include "extract/extract_error.hpp"
#include "tests/unit/extract/zip_fixture.hpp"

namespace galguard::extract {
namespace {

using fixture::make_zip;
using fixture::ZipBuilder;

// What reading the member throws, "" when it reads.
std::string why_not_read(const ZipReader& zip, std::size_t index) {
  try {
    zip.read(index);
  } catch (const NotInspected& e) {
    return e.what();
  }
  return "";
}

std::string why_not_opened(const std::string& bytes, const Limits& limits = {}) {
  try {
    const ZipReader zip(bytes, limits);
  } catch (const NotInspected& e) {
    return e.what();
  }
  return "";
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(ZipReader, ListsMembersAndReadsThemByName) {
  const std::string bytes = make_zip({{"elever/", ""},
                                      {"elever/lista.csv", "namn;personnummer\n"},
                                      {"readme.txt", std::string(5000, 'x'), false, true}});
  const ZipReader zip(bytes, Limits{});
  ASSERT_EQ(zip.members().size(), 3u);
  EXPECT_TRUE(zip.members()[0].directory);
  EXPECT_EQ(zip.members()[1].name, "elever/lista.csv");
  EXPECT_FALSE(zip.members()[1].directory);
  EXPECT_EQ(zip.members()[2].size, 5000u);
  EXPECT_GE(zip.members()[2].compressed_size, 5000u);  // stored

  const auto index = zip.find("elever/lista.csv");
  ASSERT_TRUE(index);
  EXPECT_EQ(zip.read(*index), "namn;personnummer\n");
  EXPECT_FALSE(zip.find("elever/saknas.csv"));
  EXPECT_FALSE(zip.find("elever/lista"));
}

TEST(ZipReader, EncryptedMemberIsListedButNotRead) {
  const std::string bytes = make_zip({{"open.txt", "hej"}, {"secret.txt", "0102031234", true}});
  const ZipReader zip(bytes, Limits{});
  EXPECT_FALSE(zip.members()[0].encrypted);
  EXPECT_TRUE(zip.members()[1].encrypted);
  EXPECT_EQ(zip.read(0), "hej");
  EXPECT_EQ(why_not_read(zip, 1), "encrypted");
}

// 50 MB of zeros deflate to about 50 KB: at ratio 200 reading stops near 10 MB, whatever the
// header says, and never holds the 50 MB.
TEST(ZipReader, ZipBombStopsAtTheCompressionRatio) {
  const std::uint64_t inflated = 50'000'000;
  const std::string bytes = ZipBuilder().add_zeros("zeros.bin", inflated).finish();
  ASSERT_LT(bytes.size(), 200'000u);
  Limits limits;
  limits.max_ratio = 200;
  const ZipReader zip(bytes, limits);
  EXPECT_EQ(zip.members()[0].size, inflated);

  const long before = peak_rss_kib();
  EXPECT_EQ(why_not_read(zip, 0), "limit: compression ratio");
  // A tripwire rather than a proof (an earlier test may have raised the peak already): reading
  // the whole member would raise it by 50 MB.
  EXPECT_LT(peak_rss_kib() - before, 40 * 1024);
}

// The same bomb claiming 1000 bytes in both its headers: libzip inflates past the claim, and
// the count of what was inflated still stops it.
TEST(ZipReader, ZipBombUnderstatingItsSizeStillStops) {
  std::string bytes = ZipBuilder().add_zeros("zeros.bin", 50'000'000).finish();
  const auto claim_size = [&](std::string_view signature, std::size_t offset) {
    const std::size_t at = bytes.find(signature);
    ASSERT_NE(at, std::string::npos);
    const char little_endian_1000[] = {'\xE8', '\x03', '\0', '\0'};
    bytes.replace(at + offset, 4, little_endian_1000, 4);
  };
  claim_size(std::string_view("PK\x03\x04", 4), 22);  // local header: uncompressed size
  claim_size(std::string_view("PK\x01\x02", 4), 24);  // central directory: the same
  const ZipReader zip(bytes, Limits{});
  EXPECT_EQ(zip.members()[0].size, 1000u);
  EXPECT_EQ(why_not_read(zip, 0), "limit: compression ratio");
}

TEST(ZipReader, FileSizeLimitHoldsForStoredMembers) {
  const std::string bytes = make_zip({{"big.txt", std::string(100'000, 'a'), false, true},
                                      {"small.txt", std::string(1000, 'b'), false, true}});
  Limits limits;
  limits.max_file_bytes = 64 * 1024;
  const ZipReader zip(bytes, limits);
  EXPECT_EQ(why_not_read(zip, 0), "limit: file size");
  EXPECT_EQ(zip.read(1), std::string(1000, 'b'));
}

// A small member may inflate far past the ratio (100 KB of one letter deflate to a few hundred
// bytes) as long as the result stays under ratio × 4 KiB: such members are common and harmless.
TEST(ZipReader, SmallCompressibleMemberIsNoBomb) {
  const std::string text(100'000, 'a');
  const std::string bytes = make_zip({{"styles.xml", text}});
  const ZipReader zip(bytes, Limits{});
  ASSERT_LT(zip.members()[0].compressed_size * 200, text.size());
  EXPECT_EQ(zip.read(0), text);
}

TEST(ZipReader, MoreMembersThanAllowedListsTheFirstOnes) {
  std::vector<fixture::ZipEntry> entries;
  for (int i = 0; i < 11; ++i)
    entries.push_back({"f" + std::to_string(i) + ".txt", "x"});
  const std::string bytes = make_zip(entries);
  Limits limits;
  limits.max_entries = 10;
  const ZipReader cut(bytes, limits);
  EXPECT_TRUE(cut.truncated());
  ASSERT_EQ(cut.members().size(), 10u);
  EXPECT_EQ(cut.members()[9].name, "f9.txt");
  EXPECT_EQ(cut.read(9), "x");
  limits.max_entries = 11;
  const ZipReader whole(bytes, limits);
  EXPECT_FALSE(whole.truncated());
  EXPECT_EQ(whole.members().size(), 11u);
}

TEST(ZipReader, CutOffArchiveIsDamaged) {
  const std::string bytes = make_zip({{"a.txt", std::string(3000, 'a')}, {"b.txt", "b"}});
  for (const std::size_t keep :
       {std::size_t{0}, std::size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    const std::string why = why_not_opened(bytes.substr(0, keep));
    EXPECT_TRUE(why.starts_with("damaged: ")) << keep << ": " << why;
  }
}

// Flipped bytes in the compressed data: inflating fails or the CRC disagrees.
TEST(ZipReader, CorruptMemberDataIsDamaged) {
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += std::to_string(i * 7919) + ";";
  std::string bytes = make_zip({{"data.csv", text}});
  const std::size_t data_start = 30 + std::string_view("data.csv").size();
  for (std::size_t i = data_start + 20; i < data_start + 60; ++i)
    bytes[i] = static_cast<char>(~bytes[i]);
  const ZipReader zip(bytes, Limits{});
  EXPECT_TRUE(why_not_read(zip, 0).starts_with("damaged: ")) << why_not_read(zip, 0);
}

}  // namespace
}  // namespace galguard::extract
