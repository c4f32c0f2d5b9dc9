// The text the personal-data detectors read: subject, decoded text parts, attachment names,
// forwarded messages, and the encrypted flag.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "rules/message/message_view.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

struct Block {
  std::string place;
  std::string text;
  bool operator==(const Block&) const = default;
};

std::vector<Block> blocks(const MessageView& view) {
  std::vector<Block> out;
  for (const auto& block : view.texts)
    out.push_back({block.place, block.text});
  return out;
}

void PrintTo(const Block& block, std::ostream* out) {
  *out << "{" << block.place << ", \"" << block.text << "\"}";
}

std::size_t total_text(const MessageView& view) {
  std::size_t total = 0;
  for (const auto& block : view.texts)
    total += block.text.size();
  return total;
}

TEST(MessageBody, MultipartHtmlAndRfc2231Attachments) {
  const MessageView view = parse_message(testing::fixture("multipart-html-attachment.eml"));
  const std::vector<Block> want = {
      {"subject", "Lönespecifikation mars"},
      {"body", "Hej Anna,\r\nPersonnummer 19121212-1212 finns i bilagan.\r\nMvh Åsa\r\n"},
      {"body", "Hej Anna,\nPersonnummer\n19121212-1212\nSkärholmen & Hägersten – ☺"},
      {"attachment-name", "Lönespecifikation mars 2021.pdf"},
      {"attachment-name", "Räkning april.xlsx"},
  };
  EXPECT_EQ(blocks(view), want);
  EXPECT_EQ(view.attachment_names,
            (std::vector<std::string>{"Lönespecifikation mars 2021.pdf", "Räkning april.xlsx"}));
  EXPECT_FALSE(view.encrypted);
}

TEST(MessageBody, Iso88591QuotedPrintableBase64AndUndeclared8Bit) {
  const MessageView view = parse_message(testing::fixture("latin1-bodies.eml"));
  const std::vector<Block> want = {
      {"subject", "Sjukskrivning för Åsa"},
      {"body",
       "Personnummer: 19121212-1212\r\nHälsotillstånd: sjukskriven, läkarintyg bifogas.\r\n"},
      {"body", "Födelsedatum för Åsa Öberg: 1980-05-06.\nFacklig tillhörighet: Kommunal.\n"},
      {"body", "Bidrag € 500 – återbetalning\r\n"},
  };
  EXPECT_EQ(blocks(view), want);
  ASSERT_EQ(view.recipients.size(), 1u);
  EXPECT_EQ(view.recipients[0].display_name, "Åsa Öberg");
}

TEST(MessageBody, ForwardedMessageIsRead) {
  const MessageView view = parse_message(testing::fixture("forwarded.eml"));
  const std::vector<Block> want = {
      {"subject", "Fwd: Sjukskrivning"},
      {"body", "See the forwarded message below.\r\n"},
      {"attachment-name", "Sjukskrivning.eml"},
      {"attachment", "Sjukskrivning för Åsa"},
      {"attachment", "Diagnos: diabetes typ 2.\nPersonnummer 19121212-1212.\n"},
  };
  EXPECT_EQ(blocks(view), want);
  // The forwarded message is an attachment of its own in the DPO's breakdown.
  ASSERT_EQ(view.attachments.size(), 1u);
  EXPECT_EQ(view.attachments[0].name, "Sjukskrivning.eml");
  EXPECT_EQ(view.attachments[0].type, "message");
  EXPECT_TRUE(view.attachments[0].inspected);
  EXPECT_EQ(view.texts[3].attachment, 0);
  // The forwarded message's own To is history, not a recipient of this one.
  ASSERT_EQ(view.recipients.size(), 1u);
  EXPECT_EQ(view.recipients[0].address, "kalle.kund@example.com");
  EXPECT_EQ(view.subject, "Fwd: Sjukskrivning");
  EXPECT_EQ(view.message_id, "forward.3@stockholm.se");
}

TEST(MessageBody, EncryptedDetection) {
  struct Case {
    const char* what;
    std::string raw;
    bool want;
  };
  const Case cases[] = {
      {"S/MIME enveloped-data", testing::fixture("smime-encrypted.eml"), true},
      {"PGP/MIME", testing::fixture("pgp-encrypted.eml"), true},
      {"S/MIME opaque signed is readable", testing::fixture("smime-signed-opaque.eml"), false},
      {"x-pkcs7-mime without smime-type",
       testing::message_with("Content-Type: application/x-pkcs7-mime; name=smime.p7m\r\n"
                             "Content-Transfer-Encoding: base64\r\n",
                             "MIAGCSqGSIb3DQEHA6CAMIACAQAxggE=\r\n"),
       true},
      {"encrypted part inside multipart/mixed",
       testing::message_with("Content-Type: multipart/mixed; boundary=b\r\n",
                             "--b\r\nContent-Type: text/plain\r\n\r\nSe bilaga.\r\n"
                             "--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n"
                             "--b--\r\n"),
       true},
      {"plain text", testing::sample("01-skarholmen-incident.eml"), false},
      {"multipart/signed is not encrypted",
       testing::message_with(
           "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
           "boundary=s\r\n",
           "--s\r\nContent-Type: text/plain\r\n\r\nHej.\r\n"
           "--s\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n\r\nAAAA\r\n"
           "--s--\r\n"),
       false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(parse_message(c.raw).encrypted, c.want);
  }
}

TEST(MessageBody, CharsetsOfTextParts) {
  struct Case {
    const char* what;
    std::string headers;
    std::string body;
    std::string want;
  };
  const Case cases[] = {
      {"iso-8859-1 quoted-printable",
       "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: "
       "quoted-printable\r\n",
       "H=E4lsa och f=F6delsedag=\r\n i samma rad\r\n", "Hälsa och födelsedag i samma rad\r\n"},
      {"iso-8859-1 base64",
       "Content-Type: text/plain; charset=latin1\r\nContent-Transfer-Encoding: base64\r\n",
       "SORsc2EK\r\n", "Hälsa\n"},
      {"windows-1252 alias", "Content-Type: text/plain; charset=cp1252\r\n", "\x80 \x96 \xe5\r\n",
       "€ – å\r\n"},
      {"declared utf-8 but latin-1 bytes falls back", "Content-Type: text/plain; charset=utf-8\r\n",
       "H\xe4lsa\r\n", "Hälsa\r\n"},
      {"declared us-ascii but utf-8 bytes", "Content-Type: text/plain; charset=us-ascii\r\n",
       "H\xc3\xa4lsa\r\n", "Hälsa\r\n"},
      {"unknown charset, ascii text", "Content-Type: text/plain; charset=x-bogus-42\r\n",
       "plain words\r\n", "plain words\r\n"},
      {"no content type at all", "", "Hej d\xc3\xa5.\r\n", "Hej då.\r\n"},
      {"utf-16 declared",
       "Content-Type: text/plain; charset=utf-16le\r\nContent-Transfer-Encoding: base64\r\n",
       "SADkAGwAcwBhAA==\r\n", "Hälsa"},
      {"html part on its own", "Content-Type: text/html; charset=utf-8\r\n",
       "<div>Namn:&nbsp;<b>Tolvan</b></div><div>Personnummer&#58; 19121212&#x2D;1212</div>\r\n",
       "Namn: Tolvan\nPersonnummer: 19121212-1212"},
      {"text/calendar is text too", "Content-Type: text/calendar; charset=utf-8\r\n",
       "SUMMARY:Möte\r\n", "SUMMARY:Möte\r\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const MessageView view = parse_message(testing::message_with(c.headers, c.body));
    ASSERT_EQ(view.texts.size(), 2u);
    EXPECT_EQ(view.texts[1].place, "body");
    EXPECT_EQ(view.texts[1].text, c.want);
    EXPECT_TRUE(is_valid_utf8(view.texts[1].text));
  }
}

TEST(MessageBody, NonTextPartsAreNotRead) {
  const MessageView view = parse_message(testing::message_with(
      "Content-Type: multipart/mixed; boundary=b\r\n",
      "--b\r\nContent-Type: application/octet-stream\r\n\r\nPersonnummer 19121212-1212\r\n"
      "--b\r\nContent-Type: image/png; name=\"bild.png\"\r\n\r\n\x89PNG\r\n--b--\r\n"));
  EXPECT_EQ(blocks(view),
            (std::vector<Block>{{"subject", "test"}, {"attachment-name", "bild.png"}}));
}

TEST(MessageBody, FoldedEncodedSubject) {
  const MessageView view = parse_message(
      "To: a@stockholm.se\r\n"
      "Subject: =?utf-8?q?Best=C3=A4llning?=\r\n =?utf-8?q?_dubbelkonto_f=C3=B6r?=\r\n IT\r\n"
      "\r\nHej.\r\n");
  EXPECT_EQ(view.subject, "Beställning dubbelkonto för IT");
}

TEST(MessageBody, TextIsCappedAtACharacterBoundary) {
  const std::string raw = testing::sample("01-skarholmen-incident.eml");
  for (std::size_t cap : {0u, 1u, 4u, 5u, 6u, 41u, 44u, 45u, 100u, 200u}) {
    SCOPED_TRACE(cap);
    const MessageView view = parse_message(raw, cap);
    EXPECT_LE(total_text(view), cap);
    for (const auto& block : view.texts)
      EXPECT_TRUE(is_valid_utf8(block.text));
    ASSERT_EQ(view.recipients.size(), 1u) << "the cap is on text, not on recipients";
    EXPECT_EQ(view.subject, "Beställning dubbelkonto för IT-praktikant");
  }
  // "Beställning": the cut inside "ä" (bytes 4 and 5) backs up to "Best".
  EXPECT_EQ(parse_message(raw, 5).texts.at(0).text, "Best");
  EXPECT_EQ(parse_message(raw, 6).texts.at(0).text, "Bestä");
  EXPECT_TRUE(parse_message(raw, 0).texts.empty());
  const MessageView whole = parse_message(raw);
  EXPECT_EQ(blocks(parse_message(raw, total_text(whole))), blocks(whole));
}

TEST(MessageBody, AttachmentNamesAreListedEvenPastTheCap) {
  const MessageView view = parse_message(testing::fixture("multipart-html-attachment.eml"), 10);
  EXPECT_LE(total_text(view), 10u);
  EXPECT_EQ(view.attachment_names.size(), 2u);
}

}  // namespace
}  // namespace galguard::rules
