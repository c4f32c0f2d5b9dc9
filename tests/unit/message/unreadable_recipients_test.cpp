// Recipient headers that cannot be read into mailboxes completely fail closed: each gets an
// UnreadableHeader (header, escaped raw value, reason) and the mailboxes GMime did read stay
// recipients. Ordinary headers from real mail clients must not be flagged.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "rules/message/address_syntax.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::rules {
namespace {

std::vector<std::string> addresses(const MessageView& view) {
  std::vector<std::string> out;
  for (const auto& r : view.recipients)
    out.push_back(r.address);
  return out;
}

struct UnreadableCase {
  const char* what;
  std::string headers;                  // header lines, each ending in CRLF
  std::string header;                   // which header is unreadable
  std::string reason;                   // a part of the reason
  std::vector<std::string> still_read;  // the mailboxes that are still judged
};

TEST(UnreadableRecipients, MalformedHeadersAreRecordedNotDropped) {
  const UnreadableCase cases[] = {
      // The guard closes the comment at the end (gmime_guard.hpp), so the rest is a comment
      // to GMime: only the record says that evil@elev.example is in the header.
      {"comment never closed hides the rest",
       "To: Anna (IT <anna@stockholm.se>, evil@elev.example\r\n",
       "To",
       "comment '(' that is not closed",
       {"Anna"}},
      {"comment never closed after a good address",
       "To: anna@stockholm.se, (hidden, evil@elev.example\r\n",
       "To",
       "comment '(' that is not closed",
       {"anna@stockholm.se"}},
      // GMime gives up on the local part and resumes after the ',' inside the quotes.
      {"quoted part joined to an atom",
       "To: \"x, anna@stockholm.se\"evil@elev.example\r\n",
       "To",
       "quoted part joined to other text",
       {}},
      {"atom joined to a quoted part",
       "To: evil\"@elev.example, x\"@stockholm.se\r\n",
       "To",
       "quoted part joined to other text",
       {}},
      {"quote never closed",
       "Cc: \"Anna <anna@stockholm.se>, evil@elev.example\r\n",
       "Cc",
       "quoted name that is not closed",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"angle bracket never closed",
       "To: Anna <anna@stockholm.se\r\n",
       "To",
       "'<' that is not closed",
       {"anna@stockholm.se"}},
      {"second address with '<' never closed",
       "To: anna@stockholm.se, <evil@elev.example\r\n",
       "To",
       "'<' that is not closed",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"'>' without '<'", "To: Anna anna@stockholm.se>\r\n", "To", "'>' without '<'", {}},
      {"doubled '>' before a second address",
       "To: Anna <anna@stockholm.se>>, evil@elev.example\r\n",
       "To",
       "'>' without '<'",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"'<' inside an address",
       "To: Anna <anna@stockholm.se <evil@elev.example>>\r\n",
       "To",
       "'<' inside an address",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"missing angle brackets around the address",
       "To: Anna Andersson anna@stockholm.se\r\n",
       "To",
       "without '<' '>'",
       {}},
      {"two addresses without a comma",
       "To: anna@stockholm.se evil@elev.example\r\n",
       "To",
       "without a comma",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"a second address after the angle address",
       "To: Anna <anna@stockholm.se> evil@elev.example\r\n",
       "To",
       "text after the address",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"address without '@'",
       "To: anna@stockholm.se, evil\r\n",
       "To",
       "without '@'",
       {"anna@stockholm.se", "evil"}},
      {"angle address without a domain", "To: Anna <anna@>\r\n", "To", "incomplete address", {}},
      {"angle address without '@'",
       "Reply-To: Anna <evil>\r\n",
       "Reply-To",
       "incomplete address",
       {"evil"}},
      {"semicolon ends GMime's list early",
       "To: anna@stockholm.se; evil@elev.example\r\n",
       "To",
       "';' outside a group",
       {"anna@stockholm.se"}},
      {"a name without an address",
       "To: Andersson, anna@stockholm.se\r\n",
       "To",
       "without '@'",
       {"Andersson", "anna@stockholm.se"}},
      {"an empty element between name and address",
       "To: Andersson,, Anna <anna@stockholm.se>\r\n",
       "To",
       "without '@'",
       {"Andersson", "anna@stockholm.se"}},
      {"address in a domain literal",
       "To: [evil@elev.example], anna@stockholm.se\r\n",
       "To",
       "without '@'",
       {"anna@stockholm.se"}},
      {"a ':' after an address",
       "Bcc: anna@stockholm.se: evil@elev.example;\r\n",
       "Bcc",
       "':' after an address",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"stray ')'",
       "To: anna@stockholm.se), evil@elev.example\r\n",
       "To",
       "')' without '('",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"control character SOH",
       "To: anna@stockholm.se\x01, evil@elev.example\r\n",
       "To",
       "control character (\\x01)",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"terminal escape",
       "To: anna@stockholm.se,\x1b[31m evil@elev.example\r\n",
       "To",
       "control character (\\x1B)",
       {"anna@stockholm.se"}},
      {"bare CR hides a Cc line",
       "To: anna@stockholm.se\rCc: evil@elev.example\r\n",
       "To",
       "control character (\\x0D)",
       {"anna@stockholm.se", "evil@elev.example"}},
      {"DEL",
       "Resent-To: anna@stockholm.se\x7f\r\n",
       "Resent-To",
       "control character (\\x7F)",
       {"anna@stockholm.se"}},
      {"Resent-Bcc is read too",
       "Resent-Bcc: (unclosed evil@elev.example\r\n",
       "Resent-Bcc",
       "comment '(' that is not closed",
       {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const MessageView view = parse_message(testing::message_with(c.headers));
    ASSERT_EQ(view.unreadable_recipients.size(), 1u);
    EXPECT_EQ(view.unreadable_recipients[0].header, c.header);
    EXPECT_NE(view.unreadable_recipients[0].reason.find(c.reason), std::string::npos)
        << view.unreadable_recipients[0].reason;
    EXPECT_EQ(addresses(view), c.still_read);
  }
}

// GMime reads a C string: everything after a NUL would be gone without a trace.
TEST(UnreadableRecipients, NulInAHeaderIsRecordedWithTheWholeValue) {
  const std::string headers("To: anna@stockholm.se\0, evil@elev.example\r\n", 44);
  const MessageView view = parse_message(testing::message_with(headers));
  ASSERT_EQ(view.unreadable_recipients.size(), 1u);
  EXPECT_EQ(view.unreadable_recipients[0].header, "To");
  EXPECT_EQ(view.unreadable_recipients[0].reason, "a control character (\\x00)");
  EXPECT_EQ(view.unreadable_recipients[0].raw, "anna@stockholm.se\\x00, evil@elev.example");
  EXPECT_EQ(addresses(view), std::vector<std::string>{"anna@stockholm.se"});
}

// The guard closes the comment for GMime (gmime_guard.hpp); the DPO still sees the header as
// the sender wrote it.
TEST(UnreadableRecipients, AHeaderTheGuardClosedIsShownAsWritten) {
  const MessageView view =
      parse_message(testing::message_with("Cc: anna@stockholm.se (x,\r\n evil@elev.example\r\n"));
  ASSERT_EQ(view.unreadable_recipients.size(), 1u);
  EXPECT_EQ(view.unreadable_recipients[0].header, "Cc");
  EXPECT_EQ(view.unreadable_recipients[0].reason, "a comment '(' that is not closed");
  EXPECT_EQ(view.unreadable_recipients[0].raw, "anna@stockholm.se (x, evil@elev.example");

  // Closed for GMime's sake, a header keeps the reason it has as written.
  const MessageView quoted =
      parse_message(testing::message_with("To: \"Anna (IT <anna@stockholm.se>\r\n"));
  ASSERT_EQ(quoted.unreadable_recipients.size(), 1u);
  EXPECT_EQ(quoted.unreadable_recipients[0].reason, "a quoted name that is not closed");
  EXPECT_EQ(quoted.unreadable_recipients[0].raw, "\"Anna (IT <anna@stockholm.se>");
}

// A '(' in a quoted name is text, not a comment: the guard still closes it for GMime (which
// may read it as one), but the header reads as written, name and all.
TEST(UnreadableRecipients, AQuotedNameWithAnOpenParenthesisStaysReadable) {
  const MessageView view = parse_message(testing::message_with(
      "To: \"Lindqvist, Karin (Utbildningsf\xC3\xB6rvaltningen\" <karin@stockholm.se>\r\n"));
  EXPECT_TRUE(view.unreadable_recipients.empty());
  ASSERT_EQ(view.recipients.size(), 1u);
  EXPECT_EQ(view.recipients[0].address, "karin@stockholm.se");
  EXPECT_EQ(view.recipients[0].display_name, "Lindqvist, Karin (Utbildningsf\xC3\xB6rvaltningen");
}

TEST(UnreadableRecipients, EachBadHeaderIsRecordedOnceGoodOnesStayClean) {
  const MessageView view =
      parse_message(testing::message_with("To: Anna <anna@stockholm.se>\r\n"
                                          "Cc: (unclosed <evil@elev.example>\r\n"
                                          "Bcc: karin@stockholm.se\r\n"
                                          "Reply-To: \"Open quote <x@elev.example>\r\n"));
  ASSERT_EQ(view.unreadable_recipients.size(), 2u);
  EXPECT_EQ(view.unreadable_recipients[0].header, "Cc");
  EXPECT_EQ(view.unreadable_recipients[1].header, "Reply-To");
  EXPECT_EQ(addresses(view), (std::vector<std::string>{"anna@stockholm.se", "karin@stockholm.se",
                                                       "x@elev.example"}));
}

struct CleanCase {
  const char* what;
  std::string headers;
  std::size_t mailboxes;
};

TEST(UnreadableRecipients, RealWorldHeadersAreNotFlagged) {
  const CleanCase cases[] = {
      {"undisclosed recipients", "To: undisclosed-recipients:;\r\n", 0},
      {"undisclosed recipients without ';'", "To: undisclosed-recipients:\r\n", 0},
      {"Outlook: quoted Last, First names",
       "To: \"Johansson, Erik\" <erik@stockholm.se>, \"Andersson, Anna\" <anna@stockholm.se>\r\n",
       2},
      {"Outlook: typed address quoted as its own name",
       "To: \"'lisa@example.com'\" <lisa@example.com>\r\n", 1},
      {"unquoted Last, First from a tool that does not quote",
       "To: Andersson, Anna <anna@stockholm.se>, Johansson, Erik Olof <erik@stockholm.se>\r\n", 2},
      {"unquoted Last, First in a group", "To: Projekt: Andersson, Anna <anna@stockholm.se>;\r\n",
       1},
      {"Gmail", "To: Anna Andersson <anna.andersson@gmail.com>, karin@stockholm.se\r\n", 2},
      {"Thunderbird: encoded word in quotes",
       "To: \"=?UTF-8?Q?J=c3=b6rgen_=c3=85berg?=\" <jorgen@stockholm.se>\r\n", 1},
      {"encoded words, several charsets",
       "To: =?utf-8?B?U2vDpHJob2xtZW4gSVQ=?= <it@stockholm.se>,\r\n"
       " =?iso-8859-1?Q?L=F6n_=C5sa?= <lon@stockholm.se>\r\n",
       2},
      {"comment before the angle address", "To: Service Desk (IT) <servicedesk@stockholm.se>\r\n",
       1},
      {"old style name in a comment", "To: erik@stockholm.se (Erik Johansson)\r\n", 1},
      {"comments everywhere", "To: Anna (arbete) <anna@stockholm.se> (kommentar), (x) b@c.se\r\n",
       2},
      {"folded list",
       "To: Anna\r\n Andersson <anna@stockholm.se>,\r\n\t\"Johansson,\r\n Erik\" "
       "<erik@stockholm.se>\r\n",
       2},
      {"trailing and empty elements", "To: , anna@stockholm.se,, karin@stockholm.se,\r\n", 2},
      {"group with members", "Cc: Projektgruppen: a@stockholm.se, \"B\" <b@stockholm.se>;\r\n", 2},
      {"empty group between mailboxes", "Cc: a@stockholm.se, Tom grupp:;, b@stockholm.se\r\n", 2},
      {"obsolete route", "To: Anna <@relay.stockholm.se:anna@stockholm.se>\r\n", 1},
      {"quoted local part", "To: \"anna andersson\"@stockholm.se\r\n", 1},
      {"address literal", "To: postmaster@[192.0.2.1]\r\n", 1},
      {"address written as the name, unquoted", "To: anna@stockholm.se <anna@stockholm.se>\r\n", 1},
      {"raw UTF-8 name (RFC 6532)", "To: Skärholmen IT <it@stockholm.se>\r\n", 1},
      {"tab inside a name", "To: Anna\tAndersson <anna@stockholm.se>\r\n", 1},
      {"brackets and parentheses inside quotes",
       "To: \"<Anna> (IT), Drift\" <anna@stockholm.se>\r\n", 1},
      {"a quoted part touching a word of the name",
       "To: Anna\"IT\" Andersson <anna@stockholm.se>\r\n", 1},
      {"escaped quote in a quoted name",
       "To: \"Erik \\\"IT\\\" Johansson\" <erik@stockholm.se>\r\n", 1},
      {"trailing ';' after the last address", "To: a@stockholm.se, b@stockholm.se;\r\n", 2},
      {"no space after commas", "To: <a@stockholm.se>,<b@stockholm.se>,c@stockholm.se\r\n", 3},
      {"punycode domain", "To: Dataskyddsombud <dso@xn--skrholmen-w2a.se>\r\n", 1},
      {"empty To", "To:\r\n", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const MessageView view = parse_message(testing::message_with(c.headers));
    for (const auto& u : view.unreadable_recipients)
      ADD_FAILURE() << u.header << ": " << u.reason << " in " << u.raw;
    EXPECT_EQ(view.recipients.size(), c.mailboxes);
  }
}

// No limit may change silently what is judged: a header past the guard's limits is held.
TEST(UnreadableRecipients, HeadersPastTheGuardLimitsAreUnreadable) {
  std::string many;
  for (int i = 0; i < 60000; ++i)
    many += "person" + std::to_string(i) + "@stockholm.se, ";
  many += "evil@elev.example";
  std::string groups;
  for (int i = 0; i < 300; ++i)
    groups += "g:";
  const struct {
    const char* what;
    std::string headers;
    std::string header;
  } cases[] = {
      {"a To line over 1 MiB", "To: " + many + "\r\n", "To"},
      {"a Cc folded over 1 MiB", "Cc: " + std::string(1 << 20, 'a') + "\r\n b@stockholm.se\r\n",
       "Cc"},
      {"more than 256 ':' in a Bcc",
       "Bcc: " + groups + "evil@elev.example" + std::string(300, ';') + "\r\n", "Bcc"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const MessageView view = parse_message(testing::message_with(c.headers));
    ASSERT_EQ(view.unreadable_recipients.size(), 1u);
    EXPECT_EQ(view.unreadable_recipients[0].header, c.header);
    EXPECT_NE(view.unreadable_recipients[0].reason.find("limit"), std::string::npos);
    EXPECT_LT(view.unreadable_recipients[0].raw.size(), 400u);  // cut for display
  }
  // A long Subject is cut without making any recipient unreadable.
  const MessageView view = parse_message(
      testing::message_with("To: a@stockholm.se\r\nX-Long: " + std::string(2 << 20, 'x') + "\r\n"));
  EXPECT_TRUE(view.unreadable_recipients.empty());
  EXPECT_EQ(view.recipients.size(), 1u);
}

TEST(UnreadableRecipients, RawValueIsEscapedForDisplay) {
  const struct {
    const char* what;
    std::string raw;
    std::string want;
  } cases[] = {
      {"printable ASCII as is", "Anna <a@b.se>", "Anna <a@b.se>"},
      {"UTF-8 names as is", "Skärholmen <a@b.se>", "Skärholmen <a@b.se>"},
      {"control characters", std::string("a\0b\x01\x1b[31m\x7f", 10), "a\\x00b\\x01\\x1B[31m\\x7F"},
      {"CR and LF", "a\r\nb", "a\\x0D\\x0Ab"},
      {"a backslash cannot fake an escape", "a\\x00", "a\\\\x00"},
      {"bytes that are not UTF-8", "L\xf6n", "L\\xF6n"},
      {"bidi override",
       "Anna \xe2\x80\xae"
       "es.mlohkcots",
       "Anna \\u{202E}es.mlohkcots"},
      {"zero width space", "Ser\xe2\x80\x8bvice", "Ser\\u{200B}vice"},
      {"braille blank",
       "Service\xe2\xa0\x80"
       "Desk",
       "Service\\u{2800}Desk"},
      {"C1 control",
       "a\xc2\x85"
       "b",
       "a\\u{0085}b"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(escape_for_display(c.raw), c.want);
  }
  EXPECT_EQ(escape_for_display(std::string(10, 'a'), 4), "aaaa … (6 more bytes)");
  // Never cut inside a character.
  EXPECT_EQ(escape_for_display("ääää", 3), "ä … (6 more bytes)");
}

// The address-list fuzz target's seeds and reproducers, each as a To value: read completely
// (as many mailboxes as written) or recorded unreadable, never neither.
TEST(UnreadableRecipients, AddressListFuzzCorpusReplays) {
  const std::filesystem::path corpus =
      std::filesystem::path(GALGUARD_SOURCE_DIR) / "tests/fuzz/corpus/address_list";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    SCOPED_TRACE(entry.path().filename().string());
    std::string value = testing::read_file(entry.path().string());
    for (char& c : value)
      if (c == '\n') c = ' ';
    const MessageView view = parse_message("To:" + value + "\r\nSubject: x\r\n\r\nbody\r\n");
    if (view.unreadable_recipients.empty()) {
      EXPECT_EQ(view.recipients.size(), scan_address_list(unfold_header(value)).mailboxes);
    }
    ++files;
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace galguard::rules
