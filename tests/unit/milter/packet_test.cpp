#include "gateway/milter/packet.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace galguard::milter {
namespace {

using namespace std::string_literals;

std::vector<Packet> drain(PacketReader& reader) {
  std::vector<Packet> packets;
  while (auto packet = reader.next())
    packets.push_back(std::move(*packet));
  return packets;
}

TEST(Encode, LengthCountsTheCommandByteBigEndian) {
  EXPECT_EQ(encode('c', ""),
            "\0\0\0\x01"s
            "c");
  EXPECT_EQ(encode('H', "mx\0"s),
            "\0\0\0\x04"s
            "Hmx\0"s);
  const std::string big(0x01'02'03, 'x');
  EXPECT_EQ(encode('B', big).substr(0, 5),
            "\x00\x01\x02\x04"s
            "B");
}

TEST(PacketReader, ReturnsEachPacketOfAStream) {
  const std::vector<Packet> want{{'O', "\0\0\0\x06\0\0\x01\xff\0\x1f\xff\xff"s},
                                 {'D', "Cj\0mx.example\0"s},
                                 {'N', ""},
                                 {'B', std::string(1000, '\0')}};
  std::string stream;
  for (const auto& packet : want)
    stream += encode(packet);
  PacketReader reader;
  reader.feed(stream);
  EXPECT_EQ(drain(reader), want);
  EXPECT_EQ(reader.buffered(), 0u);
  EXPECT_FALSE(reader.failed());
}

// The network may cut the stream anywhere: in the length, at the command byte, in the payload.
TEST(PacketReader, SplitAtEveryByteGivesTheSamePackets) {
  const std::vector<Packet> want{{'C',
                                  "host\0"s
                                  "4\x01\x02"
                                  "192.0.2.1\0"s},
                                 {'M', "<a@b>\0SIZE=10\0"s},
                                 {'E', ""}};
  std::string stream;
  for (const auto& packet : want)
    stream += encode(packet);
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    PacketReader reader;
    reader.feed(stream.substr(0, cut));
    auto got = drain(reader);
    reader.feed(stream.substr(cut));
    for (auto& packet : drain(reader))
      got.push_back(std::move(packet));
    EXPECT_EQ(got, want) << "cut at " << cut;
    EXPECT_EQ(reader.buffered(), 0u) << "cut at " << cut;
  }
  PacketReader reader;  // one byte per read
  std::vector<Packet> got;
  for (char c : stream) {
    reader.feed(std::string(1, c));
    for (auto& packet : drain(reader))
      got.push_back(std::move(packet));
  }
  EXPECT_EQ(got, want);
}

TEST(PacketReader, ABodyChunkOfPostfixsLargestSizeFitsTheDefaultLimit) {
  PacketReader reader;
  reader.feed(encode('B', std::string(65535, 'b')));
  const auto packet = reader.next();
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->payload.size(), 65535u);
}

TEST(PacketReader, RefusesALengthOverTheLimitBeforeItsBytesArrive) {
  PacketReader reader(65536);
  reader.feed("\x00\x01\x11\x70"s);  // 70000
  EXPECT_FALSE(reader.next());
  ASSERT_TRUE(reader.failed());
  EXPECT_EQ(reader.error(), "milter packet of 70000 bytes exceeds the limit of 65536");
  reader.feed(std::string(70000, 'x'));
  EXPECT_FALSE(reader.next());
  EXPECT_EQ(reader.buffered(), 0u) << "a failed reader keeps nothing";
}

TEST(PacketReader, TheLimitItselfIsAllowed) {
  PacketReader reader(10);
  reader.feed(encode('B', std::string(9, 'b')) + encode('B', std::string(10, 'b')));
  EXPECT_TRUE(reader.next());
  EXPECT_FALSE(reader.next());
  EXPECT_EQ(reader.error(), "milter packet of 11 bytes exceeds the limit of 10");
}

TEST(PacketReader, RefusesLengthZero) {
  PacketReader reader;
  reader.feed(encode('c', "") + "\0\0\0\0"s + encode('c', ""));
  EXPECT_TRUE(reader.next());
  EXPECT_FALSE(reader.next());
  EXPECT_EQ(reader.error(), "milter packet of length 0 has no command byte");
  EXPECT_FALSE(reader.next()) << "no packet after the stream broke";
}

TEST(PacketReader, HugeLengthIsRefusedNotAllocated) {
  PacketReader reader;
  reader.feed(
      "\xff\xff\xff\xff"s
      "B");
  EXPECT_FALSE(reader.next());
  EXPECT_EQ(reader.error(), "milter packet of 4294967295 bytes exceeds the limit of 69632");
}

TEST(PacketReader, BufferStaysBoundedOverALongConnection) {
  PacketReader reader;
  const std::string packet = encode('B', std::string(1000, 'b'));
  for (int i = 0; i < 1000; ++i) {
    reader.feed(packet.substr(0, 700));
    reader.feed(packet.substr(700));
    ASSERT_TRUE(reader.next());
    EXPECT_EQ(reader.buffered(), 0u);
  }
}

}  // namespace
}  // namespace galguard::milter
