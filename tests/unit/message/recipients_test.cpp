// Recipient extraction: every mailbox of To, Cc, Bcc, Reply-To and Resent-To/-Cc/-Bcc, with
// the display name decoded the way GMime decodes it and the address as written.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::rules {
namespace {

struct Want {
  std::string header;
  std::string display_name;
  std::string address;
  std::string address_key;
};

struct RecipientCase {
  const char* what;
  std::string headers;  // header lines, each ending in CRLF
  std::vector<Want> want;
};

void expect_recipients(const MessageView& view, const std::vector<Want>& want) {
  ASSERT_EQ(view.recipients.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(view.recipients[i].header, want[i].header);
    EXPECT_EQ(view.recipients[i].display_name, want[i].display_name);
    EXPECT_EQ(view.recipients[i].address, want[i].address);
    EXPECT_EQ(view.recipients[i].address_key, want[i].address_key);
  }
}

TEST(MessageRecipients, DisplayNames) {
  const RecipientCase cases[] = {
      {"rfc 2047 iso-8859-1 q",
       "To: =?iso-8859-1?q?J=F6rgen_=C5berg?= <jorgen.aberg@stockholm.se>\r\n",
       {{"To", "Jörgen Åberg", "jorgen.aberg@stockholm.se", "jorgen.aberg@stockholm.se"}}},
      {"rfc 2047 iso-8859-1 q, upper case Q and charset",
       "To: =?ISO-8859-1?Q?L=F6n_=C4rende?= <lon@stockholm.se>\r\n",
       {{"To", "Lön Ärende", "lon@stockholm.se", "lon@stockholm.se"}}},
      {"rfc 2047 windows-1252 q (en dash, c cedilla)",
       "To: =?windows-1252?q?Fran=E7ois_=96_Ekonomi?= <francois@ekonomi.example>\r\n",
       {{"To", "François – Ekonomi", "francois@ekonomi.example", "francois@ekonomi.example"}}},
      {"rfc 2047 utf-8 b",
       "To: =?UTF-8?B?RGF0YXNreWRkc29tYnVkIFNrw6RyaG9sbWVu?= <dso@stockholm.se>\r\n",
       {{"To", "Dataskyddsombud Skärholmen", "dso@stockholm.se", "dso@stockholm.se"}}},
      {"rfc 2047 utf-8 q mixed with plain words",
       "To: Service =?utf-8?q?Desk_=C3=A4?= 33900 <sd@stockholm.se>\r\n",
       {{"To", "Service Desk ä 33900", "sd@stockholm.se", "sd@stockholm.se"}}},
      {"quoted name with a comma",
       "To: \"Johansson, Erik\" <erik.johansson@stockholm.se>\r\n",
       {{"To", "Johansson, Erik", "erik.johansson@stockholm.se", "erik.johansson@stockholm.se"}}},
      {"quoted name with escaped quote",
       "To: \"Erik \\\"IT\\\" Johansson\" <erik@stockholm.se>\r\n",
       {{"To", "Erik \"IT\" Johansson", "erik@stockholm.se", "erik@stockholm.se"}}},
      {"encoded word inside a quoted string (Outlook does this)",
       "To: \"=?utf-8?q?Sk=C3=A4rholmen?= IT\" <it@stockholm.se>\r\n",
       {{"To", "Skärholmen IT", "it@stockholm.se", "it@stockholm.se"}}},
      {"raw 8-bit utf-8 name",
       "To: Skärholmen IT <it@stockholm.se>\r\n",
       {{"To", "Skärholmen IT", "it@stockholm.se", "it@stockholm.se"}}},
      {"raw 8-bit iso-8859-1 name falls back",
       "To: L\xf6n \xc5sa <lon@stockholm.se>\r\n",
       {{"To", "Lön Åsa", "lon@stockholm.se", "lon@stockholm.se"}}},
      {"raw 8-bit windows-1252 name falls back",
       "To: Ekonomi \x96 \x80 <ekonomi@stockholm.se>\r\n",
       {{"To", "Ekonomi – €", "ekonomi@stockholm.se", "ekonomi@stockholm.se"}}},
      {"no display name",
       "To: anna.andersson@stockholm.se\r\n",
       {{"To", "", "anna.andersson@stockholm.se", "anna.andersson@stockholm.se"}}},
      {"angle brackets only",
       "To: <anna.andersson@stockholm.se>\r\n",
       {{"To", "", "anna.andersson@stockholm.se", "anna.andersson@stockholm.se"}}},
      {"comment after the address is the old-style name",
       "To: erik@stockholm.se (Erik Johansson)\r\n",
       {{"To", "Erik Johansson", "erik@stockholm.se", "erik@stockholm.se"}}},
      // GMime keeps a comment inside the phrase (mail clients show it too) and drops one
      // after the address.
      {"comment inside a phrase is kept, one after the address dropped",
       "To: Anna (arbete) Andersson <anna@stockholm.se> (kommentar)\r\n",
       {{"To", "Anna (arbete) Andersson", "anna@stockholm.se", "anna@stockholm.se"}}},
      {"comment before the angle address is dropped",
       "To: Service Desk (IT) <servicedesk@stockholm.se>\r\n",
       {{"To", "Service Desk", "servicedesk@stockholm.se", "servicedesk@stockholm.se"}}},
      {"encoded word in a comment",
       "To: noreply@stockholm.se (Registrator =?utf-8?q?Sk=C3=A4rholmen?=)\r\n",
       {{"To", "Registrator Skärholmen", "noreply@stockholm.se", "noreply@stockholm.se"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    expect_recipients(parse_message(testing::message_with(c.headers)), c.want);
  }
}

TEST(MessageRecipients, GroupsFoldingAndObsoleteSyntax) {
  const RecipientCase cases[] = {
      {"group gives its members",
       "To: Projektgruppen: =?utf-8?b?QmrDtnJu?= <bjorn@stockholm.se>, karin@stockholm.se;\r\n",
       {{"To", "Björn", "bjorn@stockholm.se", "bjorn@stockholm.se"},
        {"To", "", "karin@stockholm.se", "karin@stockholm.se"}}},
      {"group inside a group (not RFC 5322, but GMime builds it) gives its members",
       "To: Ytter: Inre: a@stockholm.se;, b@stockholm.se;, c@stockholm.se\r\n",
       {{"To", "", "a@stockholm.se", "a@stockholm.se"},
        {"To", "", "b@stockholm.se", "b@stockholm.se"},
        {"To", "", "c@stockholm.se", "c@stockholm.se"}}},
      {"empty group gives nobody", "To: undisclosed-recipients:;\r\n", {}},
      {"empty group between mailboxes",
       "Cc: a@stockholm.se, Tom grupp:;, \"B\" <b@stockholm.se>\r\n",
       {{"Cc", "", "a@stockholm.se", "a@stockholm.se"},
        {"Cc", "B", "b@stockholm.se", "b@stockholm.se"}}},
      {"folded name and list",
       "To: Anna\r\n Andersson\r\n <anna@stockholm.se>,\r\n\t\"Johansson,\r\n Erik\" "
       "<erik@stockholm.se>\r\n",
       {{"To", "Anna Andersson", "anna@stockholm.se", "anna@stockholm.se"},
        {"To", "Johansson, Erik", "erik@stockholm.se", "erik@stockholm.se"}}},
      {"encoded words split over a fold join up",
       "To: =?utf-8?q?Service_Desk?=\r\n =?utf-8?q?_33900?= <sd@stockholm.se>\r\n",
       {{"To", "Service Desk 33900", "sd@stockholm.se", "sd@stockholm.se"}}},
      {"obsolete route in the angle address",
       "To: Anna <@relay.stockholm.se:anna@stockholm.se>\r\n",
       {{"To", "Anna", "anna@stockholm.se", "anna@stockholm.se"}}},
      {"empty list elements are skipped",
       "To: , a@stockholm.se,, b@stockholm.se,\r\n",
       {{"To", "", "a@stockholm.se", "a@stockholm.se"},
        {"To", "", "b@stockholm.se", "b@stockholm.se"}}},
      {"address as written, key folded",
       "To: Anna <Anna.Andersson@Stockholm.SE>\r\n",
       {{"To", "Anna", "Anna.Andersson@Stockholm.SE", "anna.andersson@stockholm.se"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    expect_recipients(parse_message(testing::message_with(c.headers)), c.want);
  }
}

TEST(MessageRecipients, IdnaDomainKeptAsWrittenAndDecodedInKey) {
  const RecipientCase cases[] = {
      {"punycode domain",
       "To: Dataskyddsombud <dso@xn--skrholmen-w2a.se>\r\n",
       {{"To", "Dataskyddsombud", "dso@xn--skrholmen-w2a.se", "dso@skärholmen.se"}}},
      {"punycode in a later label",
       "To: dso@mail.xn--skrholmen-w2a.se\r\n",
       {{"To", "", "dso@mail.xn--skrholmen-w2a.se", "dso@mail.skärholmen.se"}}},
      {"unicode domain",
       "To: Dataskyddsombud <dso@skärholmen.se>\r\n",
       {{"To", "Dataskyddsombud", "dso@skärholmen.se", "dso@skärholmen.se"}}},
      {"punycode in capitals",
       "To: dso@XN--SKRHOLMEN-W2A.SE\r\n",
       {{"To", "", "dso@XN--SKRHOLMEN-W2A.SE", "dso@skärholmen.se"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    expect_recipients(parse_message(testing::message_with(c.headers)), c.want);
  }
}

TEST(MessageRecipients, EveryRecipientHeaderInHeaderOrder) {
  const MessageView view =
      parse_message(testing::message_with("Reply-To: reply@stockholm.se\r\n"
                                          "To: a@stockholm.se\r\n"
                                          "Resent-From: r@stockholm.se\r\n"
                                          "cc: b@stockholm.se\r\n"
                                          "To: c@stockholm.se\r\n"
                                          "BCC: d@stockholm.se\r\n"
                                          "resent-to: e@stockholm.se\r\n"
                                          "Resent-Cc: f@stockholm.se\r\n"
                                          "Sender: s@stockholm.se\r\n"
                                          "Resent-Bcc: g@stockholm.se\r\n"));
  expect_recipients(view, {
                              {"Reply-To", "", "reply@stockholm.se", "reply@stockholm.se"},
                              {"To", "", "a@stockholm.se", "a@stockholm.se"},
                              {"Cc", "", "b@stockholm.se", "b@stockholm.se"},
                              {"To", "", "c@stockholm.se", "c@stockholm.se"},
                              {"Bcc", "", "d@stockholm.se", "d@stockholm.se"},
                              {"Resent-To", "", "e@stockholm.se", "e@stockholm.se"},
                              {"Resent-Cc", "", "f@stockholm.se", "f@stockholm.se"},
                              {"Resent-Bcc", "", "g@stockholm.se", "g@stockholm.se"},
                          });
}

TEST(MessageRecipients, FixtureWithEveryKind) {
  const MessageView view = parse_message(testing::fixture("recipients.eml"));
  expect_recipients(
      view,
      {
          {"To", "Jörgen Åberg", "jorgen.aberg@stockholm.se", "jorgen.aberg@stockholm.se"},
          {"To", "Johansson, Erik", "erik.johansson@stockholm.se", "erik.johansson@stockholm.se"},
          {"To", "Service Desk", "servicedesk@stockholm.se", "servicedesk@stockholm.se"},
          {"Cc", "Björn", "bjorn@stockholm.se", "bjorn@stockholm.se"},
          {"Cc", "", "karin@stockholm.se", "karin@stockholm.se"},
          {"Bcc", "François – Ekonomi", "francois@ekonomi.example", "francois@ekonomi.example"},
          {"Reply-To", "Registrator Skärholmen", "noreply@stockholm.se", "noreply@stockholm.se"},
          {"Resent-To", "Dataskyddsombud", "dso@xn--skrholmen-w2a.se", "dso@skärholmen.se"},
          {"Resent-Cc", "Lön Åsa", "lon@stockholm.se", "lon@stockholm.se"},
      });
  EXPECT_EQ(view.subject, "Recipients of every kind");
}

TEST(MessageRecipients, NoRecipientHeadersIsStillAMessage) {
  const MessageView view = parse_message("Subject: note to self\r\n\r\nHej.\r\n");
  EXPECT_TRUE(view.recipients.empty());
  EXPECT_EQ(view.subject, "note to self");
}

}  // namespace
}  // namespace galguard::rules
