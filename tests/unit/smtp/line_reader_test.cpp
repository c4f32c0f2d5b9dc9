#include "gateway/smtp/line_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace galguard::smtp {
namespace {

std::vector<std::string> drain(LineReader& reader) {
  std::vector<std::string> lines;
  while (auto line = reader.next())
    lines.emplace_back(*line);
  return lines;
}

TEST(LineReader, SplitsCrlfAndBareLfAndKeepsBareCrAsData) {
  LineReader reader(1000);
  reader.feed("EHLO a\r\nNOOP\nDATA x\ry\r\n");
  EXPECT_EQ(drain(reader), (std::vector<std::string>{"EHLO a", "NOOP", "DATA x\ry"}));
  EXPECT_EQ(reader.buffered(), 0u);
}

TEST(LineReader, ALineSplitAcrossReadsComesOutWhole) {
  LineReader reader(1000);
  reader.feed("MAIL FR");
  EXPECT_FALSE(reader.next());
  reader.feed("OM:<a@b>\r");
  EXPECT_FALSE(reader.next());
  reader.feed("\nRC");
  EXPECT_EQ(drain(reader), (std::vector<std::string>{"MAIL FROM:<a@b>"}));
  EXPECT_EQ(reader.buffered(), 2u);
}

TEST(LineReader, AnOverlongLineIsCutButStillEndsAtItsLineFeed) {
  LineReader reader(10);
  reader.feed(std::string(7, 'a'));
  reader.feed(std::string(5000, 'b'));
  EXPECT_FALSE(reader.next());
  EXPECT_LE(reader.buffered(), 12u + 1) << "memory must not grow with the line";
  reader.feed(std::string(5000, 'c') + "\r\nNEXT\r\n");
  const auto lines = drain(reader);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], std::string(7, 'a') + std::string(5, 'b'));  // the first 12 bytes
  EXPECT_EQ(lines[1], "NEXT");
}

// Found by fuzz_smtp: while the tail of an overlong line was skipped, small reads without a LF
// piled up beside the kept head until they outgrew the limit once more.
TEST(LineReader, SkippingAnOverlongLineInSmallReadsKeepsOnlyItsHead) {
  LineReader reader(10);
  reader.feed(std::string(20, 'a'));
  EXPECT_FALSE(reader.next());
  for (int i = 0; i < 100; ++i) {
    reader.feed("bbbbb");
    EXPECT_FALSE(reader.next());
    EXPECT_LE(reader.buffered(), 12u + 5) << "after read " << i;
  }
  reader.feed("b\r\nNEXT\r\n");
  EXPECT_EQ(drain(reader), (std::vector<std::string>{std::string(12, 'a'), "NEXT"}));
}

TEST(LineReader, DiscardDropsWhatWasPipelinedBeforeTls) {
  LineReader reader(1000);
  reader.feed("STARTTLS\r\nRSET\r\nMAIL FROM:<evil@x>\r\n");
  EXPECT_EQ(*reader.next(), "STARTTLS");
  reader.discard_buffered();
  EXPECT_FALSE(reader.next());
  reader.feed("EHLO after\r\n");
  EXPECT_EQ(drain(reader), (std::vector<std::string>{"EHLO after"}));
}

}  // namespace
}  // namespace galguard::smtp
