// Which parts become attachments in the DPO's breakdown, which rules/ reads itself, and which
// wait for extract/ with their bytes: as a mail client attaches them, and as someone trying to
// slip a file past the detectors would.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "rules/detectors/personal_data.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::rules {
namespace {

std::string mixed(const std::vector<std::string>& parts) {
  std::string body;
  for (const std::string& part : parts)
    body += "--b\r\n" + part;
  body += "--b--\r\n";
  return testing::message_with("To: x@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n",
                               body);
}

const std::string kBody = "Content-Type: text/plain; charset=utf-8\r\n\r\nSe bilaga.\r\n";

std::vector<std::string> names(const MessageView& view) {
  std::vector<std::string> out;
  for (const Attachment& a : view.attachments)
    out.push_back(a.name);
  return out;
}

TEST(MessageAttachments, ATextFileIsReadHereAndCountsForItself) {
  const MessageView view =
      parse_message(mixed({kBody,
                           "Content-Type: text/csv; charset=utf-8; name=elever.csv\r\n"
                           "Content-Disposition: attachment; filename=elever.csv\r\n\r\n"
                           "namn;personnummer\r\nTolvan;19121212-1212\r\n"}));
  ASSERT_EQ(view.attachments.size(), 1u);
  const Attachment& csv = view.attachments[0];
  EXPECT_EQ(csv.name, "elever.csv");
  EXPECT_EQ(csv.type, "csv");
  EXPECT_TRUE(csv.inspected);
  EXPECT_EQ(csv.why, "");
  EXPECT_TRUE(csv.content.empty()) << "read here, nothing left for extract/";

  const PersonalData pd = detect_personal_data(view, kNoFutureCheck);
  EXPECT_EQ(pd.identity_numbers, 1);
  EXPECT_EQ(pd.places, (std::vector<std::string>{"attachment: elever.csv"}));
  ASSERT_EQ(pd.attachments.size(), 1u);
  EXPECT_EQ(pd.attachments[0].identity_numbers, 1);
  EXPECT_EQ(pd.attachments[0].categories, (std::vector<std::string>{"identity-number"}));
}

TEST(MessageAttachments, BinaryFilesKeepTheirBytesForExtract) {
  const MessageView view =
      parse_message(mixed({kBody,
                           "Content-Type: application/pdf; name=\"Beslut.pdf\"\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n",
                           // Labelled text, but a PDF: a text reader would see only noise.
                           "Content-Type: text/plain; name=notes.txt\r\n\r\n%PDF-1.4\r\n",
                           "Content-Type: application/octet-stream\r\n\r\n\x89PNG\r\n"}));
  EXPECT_EQ(names(view), (std::vector<std::string>{"Beslut.pdf", "notes.txt",
                                                   "(unnamed application/octet-stream)"}));
  EXPECT_EQ(view.attachments[0].content, "%PDF-1.4\n");
  EXPECT_EQ(view.attachments[0].content_type, "application/pdf");
  EXPECT_FALSE(view.attachments[1].inspected);
  EXPECT_EQ(view.attachments[1].why, "not read");
  // Until extract/ has read them they are in the breakdown as not inspected.
  const PersonalData pd = detect_personal_data(view, kNoFutureCheck);
  ASSERT_EQ(pd.attachments.size(), 3u);
  EXPECT_FALSE(pd.attachments[0].inspected);
  EXPECT_EQ(pd.attachments[0].why, "not read");
}

TEST(MessageAttachments, AttachedMessagesNestWithTheirPath) {
  const std::string inner =
      "Subject: Inre\r\nContent-Type: multipart/mixed; boundary=i\r\n\r\n"
      "--i\r\nContent-Type: text/plain\r\n\r\nPersonnummer 19121212-1212\r\n"
      "--i\r\nContent-Type: application/vnd.ms-excel; name=lista.xls\r\n\r\nxx\r\n--i--\r\n";
  const MessageView view =
      parse_message(mixed({kBody, "Content-Type: message/rfc822; name=fwd.eml\r\n\r\n" + inner}));
  EXPECT_EQ(names(view), (std::vector<std::string>{"fwd.eml", "fwd.eml/lista.xls"}));
  EXPECT_EQ(view.attachments[1].depth, 2);
  const PersonalData pd = detect_personal_data(view, kNoFutureCheck);
  EXPECT_EQ(pd.attachments[0].identity_numbers, 1) << "the inner message's text is its own";
  EXPECT_EQ(pd.places, (std::vector<std::string>{"attachment: fwd.eml"}));
}

TEST(MessageAttachments, MessagesNestedPastTheLimitAreListedNotFollowed) {
  std::string message = "Subject: innerst\r\n\r\nPersonnummer 19121212-1212\r\n";
  for (int i = 0; i < 6; ++i)
    message = "Subject: lager\r\nContent-Type: message/rfc822\r\n\r\n" + message;
  const MessageView view =
      parse_message(testing::message_with("To: x@example.com\r\n"
                                          "Content-Type: message/rfc822\r\n",
                                          message));
  ASSERT_FALSE(view.attachments.empty());
  EXPECT_EQ(view.attachments.back().why, "limit: depth");
  EXPECT_FALSE(view.attachments.back().inspected);
  EXPECT_EQ(detect_personal_data(view, kNoFutureCheck).identity_numbers, 0);
}

TEST(MessageAttachments, SignaturesAreNoAttachmentsEncryptedPartsAreListed) {
  const MessageView signed_view = parse_message(testing::message_with(
      "To: x@example.com\r\nContent-Type: multipart/signed; "
      "protocol=\"application/pkcs7-signature\"; boundary=s\r\n",
      "--s\r\n" + kBody +
          "--s\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n\r\nAAAA\r\n"
          "--s--\r\n"));
  EXPECT_TRUE(signed_view.attachments.empty());

  const MessageView encrypted = parse_message(testing::fixture("smime-encrypted.eml"));
  ASSERT_EQ(encrypted.attachments.size(), 1u);
  EXPECT_EQ(encrypted.attachments[0].why, "encrypted");
  EXPECT_FALSE(encrypted.attachments[0].inspected);
}

TEST(MessageAttachments, TextPastTheBudgetIsSaidInTheBreakdown) {
  const std::string raw = mixed(
      {kBody, "Content-Type: text/plain; name=lang.txt\r\n\r\n" + std::string(400, 'x') + "\r\n"});
  const MessageView view = parse_message(raw, 100);
  ASSERT_EQ(view.attachments.size(), 1u);
  EXPECT_TRUE(view.attachments[0].inspected) << "what was read still counts";
  EXPECT_EQ(view.attachments[0].why, "limit: text");
}

TEST(MessageAttachments, AByteOrderMarkDecidesTheCharset) {
  // Excel's "Unicode text": UTF-16LE with a BOM, declared as something else.
  std::string utf16 = "\xFF\xFE";
  for (const char c : std::string("19121212-1212"))
    utf16 += std::string{c, '\0'};
  const MessageView view =
      parse_message(mixed({kBody,
                           "Content-Type: text/plain; charset=iso-8859-1; name=export.txt\r\n"
                           "Content-Transfer-Encoding: 8bit\r\n\r\n" +
                               utf16 + "\r\n"}));
  EXPECT_EQ(detect_personal_data(view, kNoFutureCheck).identity_numbers, 1);
}

TEST(MessageAttachments, DecodeFileText) {
  EXPECT_EQ(decode_file_text("\xEF\xBB\xBFH\xC3\xA4lsa"), "Hälsa");
  EXPECT_EQ(decode_file_text("H\xE4lsa"), "Hälsa");  // no BOM, not UTF-8: windows-1252
  EXPECT_EQ(decode_file_text(std::string("\xFE\xFF\0H\0\xE4", 6)), "Hä");
  EXPECT_EQ(decode_file_text(std::string("a\0b", 3)), "ab");
}

}  // namespace
}  // namespace galguard::rules
