// The next hop's replies, got/want tables.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/relay/reply_reader.hpp"

namespace galguard::relay {
namespace {

using Status = ReplyParse::Status;

TEST(RelayReplyReader, Table) {
  struct Case {
    std::string input;
    Status status;
    smtp::Reply want;  // when complete
    std::size_t consumed = 0;
  };
  const Case cases[] = {
      {"250 2.0.0 Ok\r\n", Status::complete, {250, "2.0.0", {"Ok"}}, 14},
      {"250 Ok\r\n", Status::complete, {250, "", {"Ok"}}, 8},
      {"250\r\n", Status::complete, {250, "", {""}}, 5},
      {"250 \r\n", Status::complete, {250, "", {""}}, 6},
      {"250 2.0.0\r\n", Status::complete, {250, "2.0.0", {""}}, 11},
      // Every line's status is stripped when it repeats the first line's.
      {"550-5.1.1 no such user\r\n550 5.1.1 here\r\n",
       Status::complete,
       {550, "5.1.1", {"no such user", "here"}},
       40},
      // A status whose class disagrees with the code is text.
      {"550 2.0.0 odd\r\n", Status::complete, {550, "", {"2.0.0 odd"}}, 15},
      {"451 4.7.1234 four digits\r\n", Status::complete, {451, "", {"4.7.1234 four digits"}}, 26},
      {"451 4.7.1x\r\n", Status::complete, {451, "", {"4.7.1x"}}, 12},
      {"250-mx.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
       Status::complete,
       {250, "", {"mx.example", "PIPELINING", "8BITMIME"}},
       46},
      // Bare LF tolerated; bytes after the reply are left for the next one.
      {"250 Ok\n354 go\r\n", Status::complete, {250, "", {"Ok"}}, 7},
      {"354 End data with <CR><LF>.<CR><LF>\r\n",
       Status::complete,
       {354, "", {"End data with <CR><LF>.<CR><LF>"}},
       37},
      {"", Status::incomplete, {}, 0},
      {"250 Ok", Status::incomplete, {}, 0},
      {"250-first\r\n", Status::incomplete, {}, 0},
      {"250-first\r\n250 la", Status::incomplete, {}, 0},
      {"25\r\n", Status::malformed, {}, 0},
      {"hello\r\n", Status::malformed, {}, 0},
      {"199 too low\r\n", Status::malformed, {}, 0},
      {"600 too high\r\n", Status::malformed, {}, 0},
      {"260 second digit\r\n", Status::malformed, {}, 0},
      {"250_Ok\r\n", Status::malformed, {}, 0},
      {"250-a\r\n550 b\r\n", Status::malformed, {}, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    const ReplyParse got = parse_reply(c.input);
    EXPECT_EQ(got.status, c.status);
    if (c.status == Status::complete) {
      EXPECT_EQ(got.reply, c.want);
      EXPECT_EQ(got.consumed, c.consumed);
    }
    if (c.status == Status::malformed) {
      EXPECT_FALSE(got.error.empty());
    }
  }
}

TEST(RelayReplyReader, RoundTripsThroughWire) {
  const smtp::Reply reply{554, "5.7.1", {"Message refused", "see https://example.org/why"}};
  const ReplyParse got = parse_reply(reply.wire());
  ASSERT_EQ(got.status, Status::complete);
  EXPECT_EQ(got.reply, reply);
}

TEST(RelayReplyReader, RefusesEndlessLinesAndReplies) {
  EXPECT_EQ(parse_reply(std::string(kMaxReplyLine + 10, '2')).status, Status::malformed);
  EXPECT_EQ(parse_reply("250 " + std::string(kMaxReplyLine, 'x') + "\r\n").status,
            Status::malformed);
  std::string many;
  for (std::size_t i = 0; i <= kMaxReplyLines; ++i)
    many += "250-x\r\n";
  EXPECT_EQ(parse_reply(many).status, Status::malformed);
}

TEST(RelayReplyReader, SplitEnhanced) {
  struct Case {
    int code;
    std::string text, enhanced, rest;
  };
  const Case cases[] = {
      {250, "2.1.5 Ok", "2.1.5", "Ok"},   {550, "5.7.1", "5.7.1", ""},
      {421, "4.4.2 bye", "4.4.2", "bye"}, {250, "2.1 Ok", "", "2.1 Ok"},
      {250, "2..5 Ok", "", "2..5 Ok"},    {250, "Ok 2.0.0", "", "Ok 2.0.0"},
      {354, "3.0.0 go", "", "3.0.0 go"},  {250, "2.123.456 x", "2.123.456", "x"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const EnhancedSplit got = split_enhanced(c.code, c.text);
    EXPECT_EQ(got.enhanced, c.enhanced);
    EXPECT_EQ(got.text, c.rest);
  }
}

}  // namespace
}  // namespace galguard::relay
