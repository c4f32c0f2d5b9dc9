// RFC 2047 display names and subjects decoded as mainstream clients show them: never cut at a
// bad byte or missing padding, bad bytes as U+FFFD, Latin-1 labels read as windows-1252.
#include <gtest/gtest.h>

#include <string>

#include "fixtures.hpp"
#include "rules/message/message_view.hpp"
#include "rules/message/rfc2047.hpp"

namespace galguard::rules {
namespace {

struct NameCase {
  const char* what;
  std::string to;  // the To value
  std::string want;
};

TEST(Rfc2047, DisplayNamesAreDecodedWhole) {
  const NameCase cases[] = {
      {"padded base64 (Gmail)", "=?UTF-8?B?U2vDpHJob2xtZW4gSVQ=?= <it@stockholm.se>",
       "Skärholmen IT"},
      {"unpadded base64 is not cut", "=?utf-8?b?U2vDpHJob2xtZW4?= <it@stockholm.se>", "Skärholmen"},
      {"a stray character in base64 is skipped", "=?utf-8?b?U2vDpHJob2xt!ZW4=?= <it@stockholm.se>",
       "Skärholmen"},
      {"a character split over two words (some mailers split UTF-8 bytes)",
       "=?utf-8?b?U2vD?= =?utf-8?b?pHJob2xtZW4=?= <it@stockholm.se>", "Skärholmen"},
      {"an invalid UTF-8 byte becomes U+FFFD, the rest stays",
       "=?utf-8?q?Sk=C3=A4r=FFholmen_IT?= <it@stockholm.se>", "Skär\xEF\xBF\xBDholmen IT"},
      {"a Latin-1 byte in a word labelled UTF-8", "=?utf-8?q?Sk=E4rholmen_IT?= <it@stockholm.se>",
       "Sk\xEF\xBF\xBDrholmen IT"},
      {"iso-8859-1 label with Outlook's curly quotes (windows-1252)",
       "=?iso-8859-1?q?=93L=F6n=94?= <lon@stockholm.se>", "“Lön”"},
      {"windows-1252 euro sign", "=?windows-1252?Q?Ekonomi_=80?= <ekonomi@stockholm.se>",
       "Ekonomi €"},
      {"Outlook: adjacent words in two charsets",
       "=?iso-8859-1?Q?L=F6n?= =?utf-8?Q?_=C3=85sa?= <lon@stockholm.se>", "Lön Åsa"},
      {"Outlook: folded adjacent words",
       "=?utf-8?B?U2VydmljZSBEZXNr?=\r\n =?utf-8?B?IDMzOTAw?= <sd@stockholm.se>",
       "Service Desk 33900"},
      {"Thunderbird: encoded word inside quotes with a comma",
       "\"=?UTF-8?Q?Johansson=2C_J=c3=b6rgen?=\" <jorgen@stockholm.se>", "Johansson, Jörgen"},
      {"encoded and plain words mixed", "Service =?utf-8?q?Desk_=C3=A4?= 33900 <sd@stockholm.se>",
       "Service Desk ä 33900"},
      {"RFC 2231 language in the charset", "=?utf-8*sv?q?L=C3=B6n?= <lon@stockholm.se>", "Lön"},
      {"an unknown charset: UTF-8 bytes are read as UTF-8",
       "=?x-unknown?q?L=C3=B6n?= <lon@stockholm.se>", "Lön"},
      {"an unknown charset: other bytes as windows-1252",
       "=?x-unknown?q?L=F6n?= <lon@stockholm.se>", "Lön"},
      {"a NUL in a word does not cut the name",
       "=?utf-8?q?Service_Desk=00Sk=C3=A4rholmen?= <sd@stockholm.se>",
       "Service Desk\xEF\xBF\xBDSkärholmen"},
      {"'?' unescaped in Q text", "=?utf-8?q?Vad_nu?_IT?= <it@stockholm.se>", "Vad nu? IT"},
      {"an encoded comma or '<' stays part of the name",
       "=?utf-8?q?evil=40x.se=2C_=3Cy=40z.se=3E?= <it@stockholm.se>", "evil@x.se, <y@z.se>"},
      {"encoded word in an old-style comment name",
       "noreply@stockholm.se (=?utf-8?b?UmVnaXN0cmF0b3IgU2vDpHJob2xtZW4?=)",
       "Registrator Skärholmen"},
      {"not an encoded word: left as written", "=?utf-8?q?broken <b@stockholm.se>",
       "=?utf-8?q?broken"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const MessageView view = parse_message(testing::message_with("To: " + c.to + "\r\n"));
    ASSERT_EQ(view.recipients.size(), 1u);
    EXPECT_EQ(view.recipients[0].display_name, c.want);
    EXPECT_TRUE(view.unreadable_recipients.empty());
  }
}

// An encoded word is an atom; in an addr-spec it is part of the address and is not decoded.
TEST(Rfc2047, EncodedWordsInAddressesStayAsWritten) {
  const MessageView view =
      parse_message(testing::message_with("To: Anna <=?utf-8?q?anna?=@stockholm.se>\r\n"));
  ASSERT_EQ(view.recipients.size(), 1u);
  EXPECT_EQ(view.recipients[0].address, "=?utf-8?q?anna?=@stockholm.se");
}

TEST(Rfc2047, SubjectIsDecodedWhole) {
  const struct {
    const char* what;
    std::string subject;
    std::string want;
  } cases[] = {
      {"unpadded base64", "=?utf-8?b?TMO2bmVzcGVjaWZpa2F0aW9u?=", "Lönespecifikation"},
      {"two words and plain text", "SV: =?iso-8859-1?q?R=E4kning?= =?iso-8859-1?q?_m=E5rs?= 2024",
       "SV: Räkning mårs 2024"},
      {"bytes GMime's own validator lets through as UTF-8", "\xf6\xbb\x9e\x91", "ö»ž‘"},
      {"raw Latin-1 next to an encoded word", "R\xe4kning =?utf-8?q?f=C3=B6r?= mars",
       "Räkning för mars"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const MessageView view =
        parse_message("To: a@stockholm.se\r\nSubject: " + c.subject + "\r\n\r\nHej.\r\n");
    EXPECT_EQ(view.subject, c.want);
    EXPECT_EQ(decode_header_text(c.subject), c.want);
  }
}

TEST(Rfc2047, CanonicalWordsOnlyInsideTheGivenRanges) {
  const std::string value = "=?utf-8?q?a?= <=?utf-8?q?b?=@x.se>";
  const ByteRange name{0, 14};
  EXPECT_EQ(canonical_encoded_words(value, std::span(&name, 1)),
            "=?utf-8?b?YQ==?= <=?utf-8?q?b?=@x.se>");
  EXPECT_EQ(canonical_encoded_words(value, {}), value);
}

}  // namespace
}  // namespace galguard::rules
