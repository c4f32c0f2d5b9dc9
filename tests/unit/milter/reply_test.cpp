#include "gateway/milter/reply.hpp"

#include <gtest/gtest.h>

#include <string>

namespace galguard::milter {
namespace {

using namespace std::string_literals;

std::string wire(const Decoded<Packet>& reply) {
  if (auto* error = std::get_if<Error>(&reply)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  return encode(std::get<Packet>(reply));
}

std::string refused(const Decoded<Packet>& reply) {
  if (auto* error = std::get_if<Error>(&reply)) return error->message;
  ADD_FAILURE() << "accepted: " << std::get<Packet>(reply).payload;
  return {};
}

TEST(Reply, SimpleDecisionsAreOneByteByteExact) {
  EXPECT_EQ(encode(reply_continue()),
            "\0\0\0\x01"s
            "c");
  EXPECT_EQ(encode(reply_accept()),
            "\0\0\0\x01"s
            "a");
  EXPECT_EQ(encode(reply_reject()),
            "\0\0\0\x01"s
            "r");
  EXPECT_EQ(encode(reply_tempfail()),
            "\0\0\0\x01"s
            "t");
  EXPECT_EQ(encode(reply_discard()),
            "\0\0\0\x01"s
            "d");
}

TEST(Reply, ReplyCodeIsOneNulTerminatedSmtpLine) {
  EXPECT_EQ(wire(reply_code(550, "5.7.1", "held for review")),
            "\0\0\0\x1b"s
            "y550 5.7.1 held for review\0"s);
  EXPECT_EQ(wire(reply_code(451, "4.7.1", "")),
            "\0\0\0\x0b"s
            "y451 4.7.1\0"s);
  EXPECT_EQ(std::get<Packet>(reply_code(550, "5.7.1", "100% sure")).payload,
            "550 5.7.1 100%% sure\0"s)
      << "Sendmail and Postfix read %% as one %";
}

TEST(Reply, ReplyCodeRefusesWhatWouldBreakTheSmtpReply) {
  EXPECT_EQ(refused(reply_code(250, "2.0.0", "ok")), "milter reply code 250 is not 4xx or 5xx");
  EXPECT_EQ(refused(reply_code(600, "5.0.0", "x")), "milter reply code 600 is not 4xx or 5xx");
  EXPECT_EQ(refused(reply_code(550, "4.7.1", "x")),
            "enhanced status \"4.7.1\" does not fit reply code 550");
  for (const char* enhanced :
       {"", "5", "5.7", "5.7.", "5..1", "5.7.1x", "5.1234.1", "5.7.1234", "x.7.1"})
    EXPECT_EQ(refused(reply_code(550, enhanced, "x")),
              std::string("enhanced status \"") + enhanced + "\" does not fit reply code 550");
  EXPECT_TRUE(std::holds_alternative<Packet>(reply_code(550, "5.123.456", "x")));
  const std::string injection = "no\r\n250 2.0.0 Ok";
  EXPECT_EQ(refused(reply_code(550, "5.7.1", injection)),
            "reply text for 550 has a control or non-ASCII character");
  EXPECT_EQ(refused(reply_code(550, "5.7.1", "a\nb")),
            "reply text for 550 has a control or non-ASCII character");
  EXPECT_EQ(refused(reply_code(550, "5.7.1", "a\0b"s)),
            "reply text for 550 has a control or non-ASCII character");
  EXPECT_EQ(refused(reply_code(550, "5.7.1", "Sk\xc3\xa4rholmen")),
            "reply text for 550 has a control or non-ASCII character");
  EXPECT_TRUE(std::holds_alternative<Packet>(reply_code(550, "5.7.1", std::string(500, 'x'))));
  EXPECT_EQ(refused(reply_code(550, "5.7.1", std::string(501, 'x'))),
            "reply 550 5.7.1 is 511 bytes, over the SMTP limit of 510 before CRLF");
}

TEST(Reply, AddAndInsertHeaderByteExact) {
  EXPECT_EQ(wire(reply_add_header("X-Galguard-Verdict", "pass")),
            "\0\0\0\x19"s
            "hX-Galguard-Verdict\0pass\0"s);
  EXPECT_EQ(wire(reply_insert_header(0, "X-Galguard-Verdict", "pass")),
            "\0\0\0\x1d"s
            "i\0\0\0\0X-Galguard-Verdict\0pass\0"s);
  EXPECT_EQ(std::get<Packet>(reply_insert_header(0x01020304, "X", "")).payload,
            "\x01\x02\x03\x04X\0\0"s);
  EXPECT_TRUE(std::holds_alternative<Packet>(reply_add_header("X", "a\tb")));
}

TEST(Reply, HeaderRefusesInjection) {
  EXPECT_EQ(refused(reply_add_header("X-V", "pass\r\nBcc: x@y")),
            "header X-V value has a CR, LF or NUL");
  EXPECT_EQ(refused(reply_add_header("X-V", "pass\0x"s)), "header X-V value has a CR, LF or NUL");
  EXPECT_EQ(refused(reply_add_header("", "v")), "invalid header name \"\"");
  EXPECT_EQ(refused(reply_add_header("X V", "v")), "invalid header name \"X V\"");
  EXPECT_EQ(refused(reply_insert_header(1, "X:V", "v")), "invalid header name \"X:V\"");
}

TEST(Reply, OptNegCarriesTheChosenValues) {
  EXPECT_EQ(encode(reply_optneg(Negotiation{OptNeg{6, 0x11, 0x1fe07d}, 0, {}})),
            "\0\0\0\x0d"s
            "O\0\0\0\x06\0\0\0\x11\0\x1f\xe0\x7d"s);
}

}  // namespace
}  // namespace galguard::milter
