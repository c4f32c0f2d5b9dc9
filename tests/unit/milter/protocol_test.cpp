#include "gateway/milter/protocol.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace galguard::milter {
namespace {

using namespace std::string_literals;

Command ok(char command, const std::string& payload) {
  auto decoded = decode(Packet{command, payload});
  if (auto* error = std::get_if<Error>(&decoded)) {
    ADD_FAILURE() << "'" << command << "': " << error->message;
    return Abort{};
  }
  return std::get<Command>(decoded);
}

std::string refused(char command, const std::string& payload) {
  auto decoded = decode(Packet{command, payload});
  if (auto* error = std::get_if<Error>(&decoded)) return error->message;
  ADD_FAILURE() << "'" << command << "' packet was accepted";
  return {};
}

TEST(Decode, OptNeg) {
  EXPECT_EQ(ok('O', "\0\0\0\x06\0\0\x01\xff\0\x1f\xff\xff"s), Command(OptNeg{6, 0x1ff, 0x1fffff}));
  EXPECT_EQ(refused('O', "\0\0\0\x06\0\0\x01\xff\0\x1f\xff"s),
            "malformed milter 'O' packet: 11 bytes, need 12 (version, actions, protocol)");
  EXPECT_EQ(ok('O', "\0\0\0\x06\0\0\0\x01\0\0\0\x02xyz"s), Command(OptNeg{6, 1, 2}))
      << "trailing bytes are tolerated, as libmilter does";
}

TEST(Decode, MacrosForTheCommandThatFollows) {
  const auto command = ok('D',
                          "M{mail_addr}\0a@example.org\0i\0"
                          "4Xyz\0{auth_type}\0\0"s);
  const auto& macros = std::get<Macros>(command);
  EXPECT_EQ(macros.for_command, 'M');
  ASSERT_EQ(macros.values.size(), 3u);
  EXPECT_EQ(macros.find("{mail_addr}"), "a@example.org");
  EXPECT_EQ(macros.find("mail_addr"), "a@example.org");
  EXPECT_EQ(macros.find("{i}"), "4Xyz") << "Sendmail sends i for {i}";
  EXPECT_EQ(macros.find("i"), "4Xyz");
  EXPECT_EQ(macros.find("{auth_type}"), "");
  EXPECT_FALSE(macros.find("{rcpt_addr}"));
  EXPECT_EQ(ok('D', "C"s), Command(Macros{'C', {}}));
}

TEST(Decode, MalformedMacros) {
  EXPECT_EQ(refused('D', ""), "malformed milter 'D' packet: no command letter");
  EXPECT_EQ(refused('D', "R{rcpt_addr}"s), "malformed milter 'D' packet: macro name without NUL");
  EXPECT_EQ(refused('D', "R{rcpt_addr}\0b@c"s),
            "malformed milter 'D' packet: macro {rcpt_addr} has no value");
}

TEST(Decode, ConnectForEachFamily) {
  EXPECT_EQ(ok('C',
               "mx.example\0"
               "4\x9c\x40"
               "192.0.2.1\0"s),
            Command(Connect{"mx.example", Connect::Family::inet, 40000, "192.0.2.1"}));
  EXPECT_EQ(ok('C',
               "[2001:db8::1]\0"
               "6\0\x19"
               "2001:db8::1\0"s),
            Command(Connect{"[2001:db8::1]", Connect::Family::inet6, 25, "2001:db8::1"}));
  EXPECT_EQ(ok('C',
               "h\0"
               "6\0\x19"
               "IPv6:2001:db8::1\0"s),
            Command(Connect{"h", Connect::Family::inet6, 25, "2001:db8::1"}))
      << "Sendmail's IPv6: prefix is removed";
  EXPECT_EQ(ok('C', "localhost\0L\0\0/var/run/sock\0"s),
            Command(Connect{"localhost", Connect::Family::unix_socket, 0, "/var/run/sock"}));
  EXPECT_EQ(ok('C', "unknown\0U"s), Command(Connect{"unknown", Connect::Family::unknown, 0, ""}));
}

TEST(Decode, MalformedConnect) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "hostname without NUL"},
      {"host"s, "hostname without NUL"},
      {"host\0"s, "no address family"},
      {"host\0X\0\x19"
       "a\0"s,
       "unknown address family 0x58"},
      {"host\0"
       "4"s,
       "short port"},
      {"host\0"
       "4\0"s,
       "short port"},
      {"host\0"
       "4\0\x19"s,
       "address without NUL"},
      {"host\0"
       "4\0\x19"
       "192.0.2.1"s,
       "address without NUL"},
      {"host\0"
       "4\0\x19"
       "192.0.2.1\0x"s,
       "data after the address"},
      {"host\0"
       "4\0\x19"
       "192.0.2.1\0\0"s,
       "data after the address"},
      {"host\0U\0"s, "data after the unknown family"},
  };
  for (const auto& [payload, why] : cases)
    EXPECT_EQ(refused('C', payload), "malformed milter 'C' packet: " + why);
}

TEST(Decode, HeloAndUnknown) {
  EXPECT_EQ(ok('H', "client.example\0"s), Command(Helo{"client.example"}));
  EXPECT_EQ(refused('H', "client.example"), "malformed milter 'H' packet: string without NUL");
  EXPECT_EQ(refused('H', "a\0b\0"s), "malformed milter 'H' packet: data after the string");
  EXPECT_EQ(ok('U', "XYZZY now\0"s), Command(Unknown{"XYZZY now"}));
}

TEST(Decode, MailAndRcptKeepTheAddressAsSentAndTheParameters) {
  EXPECT_EQ(ok('M', "<it@stockholm.se>\0SIZE=1234\0BODY=8BITMIME\0"s),
            Command(Mail{{"<it@stockholm.se>", {"SIZE=1234", "BODY=8BITMIME"}}}));
  EXPECT_EQ(ok('M', "<>\0"s), Command(Mail{{"<>", {}}}));
  EXPECT_EQ(ok('R', "<m@elev.example>\0"s), Command(Rcpt{{"<m@elev.example>", {}}}));
  EXPECT_EQ(refused('R', "<m@elev.example>"), "malformed milter 'R' packet: address without NUL");
  EXPECT_EQ(refused('M', "<a@b>\0SIZE=1"s), "malformed milter 'M' packet: parameter without NUL");
  EXPECT_EQ(bare_address("<a@b>"), "a@b");
  EXPECT_EQ(bare_address("<>"), "");
  EXPECT_EQ(bare_address("a@b"), "a@b");
  EXPECT_EQ(bare_address("<"), "<");
}

TEST(Decode, Header) {
  EXPECT_EQ(ok('L', "To\0\"Service Desk 33900\" <sd@elev.example>\0"s),
            Command(Header{"To", "\"Service Desk 33900\" <sd@elev.example>"}));
  EXPECT_EQ(ok('L', "X-Empty\0\0"s), Command(Header{"X-Empty", ""}));
  EXPECT_EQ(ok('L', "Subject\0 folded\r\n\tline\0"s),
            Command(Header{"Subject", " folded\r\n\tline"}));
  EXPECT_EQ(refused('L', "To"), "malformed milter 'L' packet: header name without NUL");
  EXPECT_EQ(refused('L', "To\0x"s), "malformed milter 'L' packet: header To has no value");
  EXPECT_EQ(refused('L', "To\0x\0y"s), "malformed milter 'L' packet: data after the header value");
  EXPECT_EQ(refused('L', "\0x\0"s), "malformed milter 'L' packet: empty header name");
}

TEST(Decode, BodyAndEndOfMessageCarryRawBytes) {
  const std::string bytes = "line\r\n\0\xff.\r\n"s;
  EXPECT_EQ(ok('B', bytes), Command(Body{bytes}));
  EXPECT_EQ(ok('B', ""), Command(Body{""}));
  EXPECT_EQ(ok('E', ""), Command(EndOfMessage{""}));
  EXPECT_EQ(ok('E', "tail"), Command(EndOfMessage{"tail"}));
}

TEST(Decode, CommandsWithoutPayload) {
  EXPECT_EQ(ok('N', ""), Command(EndOfHeaders{}));
  EXPECT_EQ(ok('A', ""), Command(Abort{}));
  EXPECT_EQ(ok('Q', ""), Command(Quit{false}));
  EXPECT_EQ(ok('K', ""), Command(Quit{true}));
  EXPECT_EQ(ok('T', ""), Command(Data{}));
  for (char command : {'N', 'A', 'Q', 'K', 'T'})
    EXPECT_EQ(refused(command, "x"),
              std::string("malformed milter '") + command + "' packet: 1 unexpected bytes");
}

TEST(Decode, UnknownCommandByte) {
  EXPECT_EQ(refused('Z', ""), "unknown milter command 0x5a");
  EXPECT_EQ(refused('\0', ""), "unknown milter command 0x00");
  EXPECT_EQ(refused('\xff', ""), "unknown milter command 0xff");
}

}  // namespace
}  // namespace galguard::milter
