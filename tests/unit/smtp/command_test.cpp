// Argument parsing, got/want tables.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "gateway/smtp/command.hpp"
#include "gateway/smtp/path.hpp"
#include "gateway/smtp/xtext.hpp"

namespace galguard::smtp {
namespace {

TEST(Command, SplitsVerbCaseInsensitively) {
  const Command command = split_command("mAiL FROM:<a@b.example>");
  EXPECT_EQ(command.verb, "MAIL");
  EXPECT_EQ(command.argument, "FROM:<a@b.example>");
  EXPECT_EQ(split_command("QUIT").argument, "");
}

TEST(Path, Table) {
  struct Case {
    std::string text;
    bool allow_null;
    std::optional<std::string> want;  // nullopt: syntax error
  };
  const Case cases[] = {
      {"<a@example.org>", false, "a@example.org"},
      {"<>", true, ""},
      {"<>", false, std::nullopt},
      {"<\"a b\\\"c\"@example.org>", false, "\"a b\\\"c\"@example.org"},
      {"<@r1.example,@r2.example:a@example.org>", false, "a@example.org"},
      {"<a@[192.0.2.1]>", false, "a@[192.0.2.1]"},
      {"<pöstmaster@exämple.org>", false, "pöstmaster@exämple.org"},
      {"<postmaster>", false, "postmaster"},
      {"<alice>", false, std::nullopt},
      {"<a@example.org", false, std::nullopt},
      {"a@example.org", false, std::nullopt},
      {"<.a@example.org>", false, std::nullopt},
      {"<a.@example.org>", false, std::nullopt},
      {"<a@example..org>", false, std::nullopt},
      {"<a@example-.org>", false, std::nullopt},
      {"<a b@example.org>", false, std::nullopt},
      {"<\"unterminated@example.org>", false, std::nullopt},
      {"<@r1.example:>", false, std::nullopt},
  };
  for (const Case& c : cases) {
    const auto got = parse_path(c.text, c.allow_null);
    if (!c.want) {
      EXPECT_FALSE(got) << c.text;
    } else {
      ASSERT_TRUE(got) << c.text;
      EXPECT_EQ(got->mailbox, *c.want) << c.text;
      EXPECT_EQ(got->consumed, c.text.size()) << c.text;
    }
  }
}

TEST(Mail, Parameters) {
  auto parsed = parse_mail("FROM: <a@example.org> size=42 body=7bit smtputf8");
  ASSERT_TRUE(std::holds_alternative<MailFrom>(parsed));
  const auto& mail = std::get<MailFrom>(parsed);
  EXPECT_EQ(mail.sender, "a@example.org");
  EXPECT_EQ(mail.parameters, (MailParameters{42, Body::seven_bit, true}));
}

TEST(Mail, ParameterErrors) {
  struct Case {
    std::string argument;
    std::string want;  // "code enhanced"
  };
  const Case cases[] = {
      {"FROM:<a@example.org> SIZE=", "501 5.5.4"},
      {"FROM:<a@example.org> SIZE=99999999999999999999999", "501 5.5.4"},
      {"FROM:<a@example.org> SIZE=1 SIZE=2", "501 5.5.4"},
      {"FROM:<a@example.org> SMTPUTF8=yes", "501 5.5.4"},
      {"FROM:<a@example.org> ENVID=x", "555 5.5.4"},
      {"FROM:<a@example.org>SIZE=1", "501 5.5.4"},
      {"FROM<a@example.org>", "501 5.5.4"},
  };
  for (const Case& c : cases) {
    auto parsed = parse_mail(c.argument);
    ASSERT_TRUE(std::holds_alternative<Reply>(parsed)) << c.argument;
    const Reply& reply = std::get<Reply>(parsed);
    EXPECT_EQ(std::to_string(reply.code) + " " + reply.enhanced, c.want) << c.argument;
  }
}

TEST(Xtext, Table) {
  EXPECT_EQ(xtext_decode("plain"), "plain");
  EXPECT_EQ(xtext_decode("a+2Bb+3Dc+20d"), "a+b=c d");
  EXPECT_EQ(xtext_decode(""), "");
  EXPECT_EQ(xtext_decode("a+2b"), std::nullopt);  // lower-case hex
  EXPECT_EQ(xtext_decode("a+2"), std::nullopt);
  EXPECT_EQ(xtext_decode("a=b"), std::nullopt);
  EXPECT_EQ(xtext_decode("a b"), std::nullopt);
}

TEST(Xforward, UnavailableMeansUnknownAndLaterLinesMerge) {
  auto first = parse_xforward("NAME=[UNAVAILABLE] ADDR=192.0.2.9", {});
  ASSERT_TRUE(std::holds_alternative<Xforward>(first));
  EXPECT_EQ(std::get<Xforward>(first).name, std::nullopt);
  auto second = parse_xforward("proto=SMTP", std::get<Xforward>(first));
  ASSERT_TRUE(std::holds_alternative<Xforward>(second));
  EXPECT_EQ(std::get<Xforward>(second).addr, "192.0.2.9");
  EXPECT_EQ(std::get<Xforward>(second).proto, "SMTP");
}

TEST(Helo, DomainOrLiteral) {
  EXPECT_TRUE(std::holds_alternative<std::string>(parse_helo("mx.example.org")));
  EXPECT_TRUE(std::holds_alternative<std::string>(parse_helo("[192.0.2.1]")));
  EXPECT_TRUE(std::holds_alternative<Reply>(parse_helo("")));
  EXPECT_TRUE(std::holds_alternative<Reply>(parse_helo("two words")));
  EXPECT_TRUE(std::holds_alternative<Reply>(parse_helo("[]")));
}

}  // namespace
}  // namespace galguard::smtp
