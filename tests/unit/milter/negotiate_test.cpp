#include "gateway/milter/negotiate.hpp"

#include <gtest/gtest.h>

#include "gateway/milter/reply.hpp"

namespace galguard::milter {
namespace {

constexpr std::uint32_t kAllActions = 0x1ff;       // Postfix 3.x offers every action
constexpr std::uint32_t kAllProtocol = 0x1fffff;   // and every protocol flag of version 6
constexpr std::uint32_t kVersion2Protocol = 0x7f;  // SMFI_V2_PROT: no NR_* flags, no NODATA

// What the gateway will ask for: the envelope, the headers and the body, and a verdict header;
// it answers only at the end of the message.
Wanted gateway() {
  Wanted wanted;
  wanted.actions = action::add_headers;
  wanted.used = step_bit(Step::connect) | step_bit(Step::mail) | step_bit(Step::rcpt) |
                step_bit(Step::header) | step_bit(Step::body);
  wanted.header_leading_space = true;
  return wanted;
}

Negotiation agreed(std::uint32_t version, std::uint32_t actions, std::uint32_t protocol,
                   const Wanted& wanted) {
  auto result = negotiate(version, actions, protocol, wanted);
  if (auto* error = std::get_if<Error>(&result)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  return std::get<Negotiation>(result);
}

TEST(Negotiate, Version6SkipsUnusedStepsAndWaitsForNoReply) {
  const Negotiation n = agreed(6, kAllActions, kAllProtocol, gateway());
  EXPECT_EQ(n.chosen.version, 6u);
  EXPECT_EQ(n.chosen.actions, action::add_headers);
  EXPECT_EQ(n.missing_actions, 0u);
  EXPECT_EQ(n.chosen.protocol, flag::no_helo | flag::no_data | flag::no_unknown | flag::no_eoh |
                                   flag::nr_connect | flag::nr_mail | flag::nr_rcpt |
                                   flag::nr_header | flag::nr_body | flag::header_leading_space);
  EXPECT_EQ(n.chosen.protocol, 0x18d3c2u);
  for (Step step : {Step::helo, Step::data, Step::unknown, Step::eoh}) {
    EXPECT_FALSE(n.sent(step)) << static_cast<int>(step);
    EXPECT_FALSE(n.needs_reply(step)) << static_cast<int>(step);
  }
  for (Step step : {Step::connect, Step::mail, Step::rcpt, Step::header, Step::body}) {
    EXPECT_TRUE(n.sent(step)) << static_cast<int>(step);
    EXPECT_FALSE(n.needs_reply(step)) << static_cast<int>(step);
  }
  EXPECT_FALSE(n.chosen.protocol & flag::skip);
  EXPECT_FALSE(n.chosen.protocol & flag::rcpt_rej) << "rejected recipients are not ours to judge";
}

TEST(Negotiate, AStepWeReplyToKeepsItsReply) {
  Wanted wanted = gateway();
  wanted.replied = step_bit(Step::rcpt) | step_bit(Step::eoh);  // eoh: replied implies used
  const Negotiation n = agreed(6, kAllActions, kAllProtocol, wanted);
  EXPECT_TRUE(n.needs_reply(Step::rcpt));
  EXPECT_FALSE(n.chosen.protocol & flag::nr_rcpt);
  EXPECT_TRUE(n.sent(Step::eoh));
  EXPECT_TRUE(n.needs_reply(Step::eoh));
  EXPECT_FALSE(n.needs_reply(Step::mail));
}

TEST(Negotiate, FlagsOnlyWhereOffered) {
  // The MTA cannot skip UNKNOWN, but can send it without waiting: we get it and need not answer.
  Negotiation n = agreed(6, kAllActions, kAllProtocol & ~flag::no_unknown, gateway());
  EXPECT_FALSE(n.chosen.protocol & flag::no_unknown);
  EXPECT_TRUE(n.chosen.protocol & flag::nr_unknown);
  EXPECT_TRUE(n.sent(Step::unknown));
  EXPECT_FALSE(n.needs_reply(Step::unknown));
  // Neither skip nor no-reply offered for HELO: it arrives and must be answered (continue).
  n = agreed(6, kAllActions, kAllProtocol & ~(flag::no_helo | flag::nr_helo), gateway());
  EXPECT_TRUE(n.needs_reply(Step::helo));
  // Nothing offered: nothing asked.
  n = agreed(6, kAllActions, 0, gateway());
  EXPECT_EQ(n.chosen.protocol, 0u);
  for (Step step : {Step::connect, Step::helo, Step::mail, Step::rcpt, Step::data, Step::unknown,
                    Step::header, Step::eoh, Step::body})
    EXPECT_TRUE(n.needs_reply(step)) << static_cast<int>(step);
}

TEST(Negotiate, ActionsAreThoseWantedAndOffered) {
  Wanted wanted = gateway();
  wanted.actions = action::add_headers | action::change_headers;
  Negotiation n = agreed(6, action::change_headers | action::change_body, kAllProtocol, wanted);
  EXPECT_EQ(n.chosen.actions, action::change_headers);
  EXPECT_EQ(n.missing_actions, action::add_headers);
}

TEST(Negotiate, VersionIsSixOrTheMtasOlderOne) {
  EXPECT_EQ(agreed(6, kAllActions, kAllProtocol, gateway()).chosen.version, 6u);
  EXPECT_EQ(agreed(7, kAllActions, kAllProtocol, gateway()).chosen.version, 6u);
  const Negotiation old = agreed(2, kAllActions, kVersion2Protocol, gateway());
  EXPECT_EQ(old.chosen.version, 2u);
  EXPECT_EQ(old.chosen.protocol, flag::no_helo | flag::no_eoh);
  EXPECT_TRUE(old.needs_reply(Step::mail)) << "version 2 has no no-reply flags";
  EXPECT_TRUE(old.needs_reply(Step::data));
}

TEST(Negotiate, RefusesVersionsBelowTwo) {
  for (std::uint32_t version : {0u, 1u}) {
    auto result = negotiate(version, kAllActions, kAllProtocol, gateway());
    ASSERT_TRUE(std::holds_alternative<Error>(result));
    EXPECT_EQ(std::get<Error>(result).message, "MTA offers milter protocol version " +
                                                   std::to_string(version) +
                                                   ", older than the oldest supported, 2");
  }
}

TEST(Negotiate, ReplyPacketFromADecodedOffer) {
  auto result = negotiate(OptNeg{6, kAllActions, kAllProtocol}, gateway());
  const auto& n = std::get<Negotiation>(result);
  EXPECT_EQ(reply_optneg(n).payload, std::string("\0\0\0\x06\0\0\0\x01\0\x18\xd3\xc2", 12));
}

TEST(Negotiate, MacroListsAreSentOnlyWhenTheMtaLetsTheFilterChooseThem) {
  Wanted wanted = gateway();
  wanted.macros = {{macro_stage::eom, "i"}, {macro_stage::rcpt, "{rcpt_addr}"}};
  const Negotiation offered = agreed(6, kAllActions, kAllProtocol, wanted);
  EXPECT_EQ(offered.chosen.actions, action::add_headers | action::set_symlist);
  EXPECT_EQ(offered.macros, wanted.macros);
  EXPECT_EQ(reply_optneg(offered).payload, std::string("\0\0\0\x06\0\0\x01\x01\0\x18\xd3\xc2"
                                                       "\0\0\0\x05i\0"
                                                       "\0\0\0\x03{rcpt_addr}\0",
                                                       12 + 6 + 16));

  // An MTA without SMFIF_SETSYMLIST sends its own lists: nothing extra in the reply.
  const Negotiation plain = agreed(6, kAllActions & ~action::set_symlist, kAllProtocol, wanted);
  EXPECT_EQ(plain.missing_actions, action::set_symlist);
  EXPECT_TRUE(plain.macros.empty());
  EXPECT_EQ(reply_optneg(plain).payload.size(), 12u);
}

}  // namespace
}  // namespace galguard::milter
