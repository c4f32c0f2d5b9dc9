// The command lines the client writes and the EHLO keywords it reads, got/want.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/relay/commands.hpp"
#include "gateway/relay/extensions.hpp"
#include "gateway/smtp/xtext.hpp"

namespace galguard::relay {
namespace {

TEST(RelayCommands, XtextEncodeTable) {
  struct Case {
    std::string plain, want;
  };
  const Case cases[] = {
      {"mail.example.org", "mail.example.org"},
      {"a b", "a+20b"},
      {"a+b=c", "a+2Bb+3Dc"},
      {"[192.0.2.1]", "[192.0.2.1]"},
      {"r\xC3\xA4ka", "r+C3+A4ka"},
      {std::string{"\r\n\0", 3}, "+0D+0A+00"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.plain);
    EXPECT_EQ(xtext_encode(c.plain), c.want);
    EXPECT_EQ(smtp::xtext_decode(c.want), c.plain);  // the server side reads it back
  }
}

TEST(RelayCommands, XforwardSendsAnnouncedAttributesInOrder) {
  smtp::Xforward xforward;
  xforward.name = "client.example.org";
  xforward.addr = "192.0.2.7";
  xforward.proto = "ESMTP";
  xforward.helo = "my host";
  const std::vector<std::string> announced{"NAME", "ADDR", "PROTO", "HELO", "SOURCE"};
  EXPECT_EQ(xforward_commands(xforward, announced),
            std::vector<std::string>{
                "XFORWARD NAME=client.example.org ADDR=192.0.2.7 PROTO=ESMTP HELO=my+20host "
                "SOURCE=[UNAVAILABLE]\r\n"});
  // Attributes the hop did not announce are not sent.
  EXPECT_EQ(xforward_commands(xforward, {"ADDR"}),
            std::vector<std::string>{"XFORWARD ADDR=192.0.2.7\r\n"});
  EXPECT_TRUE(xforward_commands(xforward, {}).empty());
  // Nothing known: no XFORWARD at all.
  EXPECT_TRUE(xforward_commands(smtp::Xforward{}, announced).empty());
}

TEST(RelayCommands, XforwardSplitsLongLines) {
  smtp::Xforward xforward;
  xforward.name = std::string(200, 'n');
  xforward.helo = std::string(200, 'h');
  xforward.ident = std::string(150, 'i');
  xforward.addr = "192.0.2.7";
  const std::vector<std::string> lines =
      xforward_commands(xforward, {"NAME", "ADDR", "PORT", "PROTO", "HELO", "IDENT", "SOURCE"});
  ASSERT_GE(lines.size(), 2u);
  std::string joined;
  for (const std::string& line : lines) {
    EXPECT_LE(line.size(), kMaxCommandLine);
    EXPECT_TRUE(line.starts_with("XFORWARD ")) << line;
    EXPECT_TRUE(line.ends_with("\r\n"));
    joined += line;
  }
  for (const char* part : {"NAME=nnn", "ADDR=192.0.2.7", "PORT=[UNAVAILABLE]", "HELO=hhh",
                           "IDENT=iii", "SOURCE=[UNAVAILABLE]", "PROTO=[UNAVAILABLE]"})
    EXPECT_NE(joined.find(part), std::string::npos) << part;
}

TEST(RelayCommands, MailParametersOnlyWhenOffered) {
  Transaction transaction;
  transaction.sender = "alice@example.org";
  transaction.message = "Subject: x\r\n\r\nhello\r\n";
  transaction.parameters.body = smtp::Body::eight_bit_mime;
  transaction.parameters.smtputf8 = true;
  transaction.parameters.size = 999;

  Extensions none;
  EXPECT_EQ(mail_command(transaction, none), "MAIL FROM:<alice@example.org>\r\n");
  Extensions all;
  all.eight_bit_mime = all.smtputf8 = true;
  all.size = 10'000'000;
  EXPECT_EQ(mail_command(transaction, all),
            "MAIL FROM:<alice@example.org> BODY=8BITMIME SMTPUTF8 SIZE=21\r\n");
  transaction.sender.clear();
  transaction.parameters = {};
  EXPECT_EQ(mail_command(transaction, all), "MAIL FROM:<> SIZE=21\r\n");
  EXPECT_EQ(rcpt_command("bob@example.org"), "RCPT TO:<bob@example.org>\r\n");
}

TEST(RelayCommands, NeedsSmtputf8) {
  Transaction transaction;
  transaction.sender = "a@example.org";
  transaction.recipients = {"b@example.org"};
  transaction.message = "Subject: plain\r\n\r\nr\xC3\xA4ka in the body only\r\n";
  EXPECT_FALSE(needs_smtputf8(transaction));  // not asked for
  transaction.parameters.smtputf8 = true;
  EXPECT_FALSE(needs_smtputf8(transaction));  // asked for, but all of it is ASCII
  transaction.recipients.push_back("r\xC3\xA4ka@example.org");
  EXPECT_TRUE(needs_smtputf8(transaction));
  transaction.recipients.pop_back();
  transaction.message = "Subject: r\xC3\xA4ka\r\n\r\nbody\r\n";
  EXPECT_TRUE(needs_smtputf8(transaction));
}

TEST(RelayCommands, UnsafeAddress) {
  EXPECT_FALSE(unsafe_address("a@example.org"));
  EXPECT_FALSE(unsafe_address(""));
  EXPECT_TRUE(unsafe_address("a@example.org>\r\nRCPT TO:<b@example.org"));
  EXPECT_TRUE(unsafe_address(std::string{"a\0b", 3}));
}

TEST(RelayExtensions, ParsesEhlo) {
  const smtp::Reply reply{250,
                          "",
                          {"mx.example.org", "PIPELINING", "size 10240000", "8BITMIME", "SMTPUTF8",
                           "ENHANCEDSTATUSCODES", "XFORWARD NAME addr PROTO HELO", "DSN"}};
  const Extensions got = parse_ehlo(reply);
  EXPECT_TRUE(got.esmtp);
  EXPECT_TRUE(got.pipelining);
  EXPECT_TRUE(got.eight_bit_mime);
  EXPECT_TRUE(got.smtputf8);
  EXPECT_TRUE(got.enhanced_status_codes);
  EXPECT_EQ(got.size, 10240000u);
  EXPECT_TRUE(got.xforward);
  EXPECT_EQ(got.xforward_attributes, (std::vector<std::string>{"NAME", "ADDR", "PROTO", "HELO"}));

  const Extensions bare = parse_ehlo(smtp::Reply{250, "", {"mx.example.org PIPELINING"}});
  EXPECT_FALSE(bare.pipelining);  // the first line is the hop's name, not a keyword
  EXPECT_FALSE(bare.size.has_value());
  EXPECT_EQ(parse_ehlo(smtp::Reply{250, "", {"mx", "SIZE"}}).size, 0u);
}

}  // namespace
}  // namespace galguard::relay
