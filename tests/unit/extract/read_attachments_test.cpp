// The attachment reader as a DPO meets it: which file was read as what, what inside archives
// and saved messages was read, and what was not and why — including files made to hide, to
// nest without end or to explode.
#include "extract/read_attachments.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pdf_fixture.hpp"
#include "rules/detectors/personal_data.hpp"
#include "zip_fixture.hpp"

namespace galguard::extract {
namespace {

using fixture::make_docx;
using fixture::make_zip;

rules::Attachment file(std::string name, std::string content, std::string content_type = "") {
  rules::Attachment a;
  a.name = std::move(name);
  a.content = std::move(content);
  a.content_type = std::move(content_type);
  a.why = "not read";
  return a;
}

rules::PersonalData read_and_detect(rules::MessageView& view, const Limits& limits = Limits{}) {
  read_attachments(view, limits);
  return rules::detect_personal_data(view, rules::kNoFutureCheck);
}

const rules::AttachmentData& named(const rules::PersonalData& pd, std::string_view name) {
  for (const auto& a : pd.attachments)
    if (a.name == name) return a;
  throw std::runtime_error("no attachment " + std::string(name));
}

const std::string kWordWithNumber =
    make_docx("<w:p><w:r><w:t>Personnummer 1912</w:t></w:r><w:r><w:t>1212-1212</w:t></w:r></w:p>");

TEST(ReadAttachments, EachFormatByItsBytesNotItsName) {
  rules::MessageView view;
  view.attachments = {
      file("Beslut.pdf", testing::pdf_with_pages({{"Personnummer 19121212-1212"}})),
      file("notes.txt", kWordWithNumber, "text/plain"),  // a Word document in disguise
      file("elever", "namn;personnummer\nTolvan;19800517-1239\n", "application/octet-stream"),
      file("bild.png", "\x89PNG\r\n\x1a\n rest", "image/png"),
      file("data.bin", std::string("\x01\x02\x03\x00\xff", 5)),
  };
  const rules::PersonalData pd = read_and_detect(view);
  EXPECT_EQ(named(pd, "Beslut.pdf").type, "pdf");
  EXPECT_EQ(named(pd, "Beslut.pdf").identity_numbers, 1);
  EXPECT_EQ(named(pd, "notes.txt").type, "docx");
  EXPECT_EQ(named(pd, "notes.txt").identity_numbers, 1) << "runs joined into one number";
  EXPECT_EQ(named(pd, "elever").type, "txt");
  EXPECT_EQ(named(pd, "elever").identity_numbers, 1);
  EXPECT_FALSE(named(pd, "bild.png").inspected);
  EXPECT_EQ(named(pd, "bild.png").why, "image");
  EXPECT_EQ(named(pd, "data.bin").why, "unknown type");
  EXPECT_EQ(pd.identity_numbers, 2) << "the same number in the PDF and the Word file is one person";
  EXPECT_EQ(pd.places, (std::vector<std::string>{"attachment: Beslut.pdf", "attachment: notes.txt",
                                                 "attachment: elever"}));
}

TEST(ReadAttachments, ArchivesAndSavedMessagesAreReadInside) {
  const std::string eml =
      "From: a@stockholm.se\r\nSubject: Elevlista\r\nContent-Type: multipart/mixed; boundary=m\r\n"
      "\r\n--m\r\nContent-Type: text/plain\r\n\r\nSe bilaga.\r\n"
      "--m\r\nContent-Type: application/octet-stream; name=lista.docx\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
      std::string("UEsDBA==") + "\r\n--m--\r\n";
  const std::string zip = make_zip({{"mapp/", ""},
                                    {"mapp/elever.csv", "Tolvan;19121212-1212\n"},
                                    {"mapp/brev.docx", kWordWithNumber},
                                    {"mapp/fwd.eml", eml},
                                    {"inre.zip", make_zip({{"djup.txt", "19800517-1239"}})}});
  rules::MessageView view;
  view.attachments = {file("Klass 7B.zip", zip, "application/zip")};
  const rules::PersonalData pd = read_and_detect(view);
  std::vector<std::string> names;
  for (const auto& a : pd.attachments)
    names.push_back(a.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"Klass 7B.zip", "Klass 7B.zip/mapp/elever.csv",
                                      "Klass 7B.zip/mapp/brev.docx", "Klass 7B.zip/mapp/fwd.eml",
                                      "Klass 7B.zip/mapp/fwd.eml/lista.docx",
                                      "Klass 7B.zip/inre.zip", "Klass 7B.zip/inre.zip/djup.txt"}));
  EXPECT_TRUE(named(pd, "Klass 7B.zip").inspected);
  EXPECT_EQ(named(pd, "Klass 7B.zip/mapp/elever.csv").identity_numbers, 1);
  EXPECT_EQ(named(pd, "Klass 7B.zip/mapp/fwd.eml").type, "message");
  EXPECT_TRUE(named(pd, "Klass 7B.zip/mapp/fwd.eml").inspected);
  EXPECT_FALSE(named(pd, "Klass 7B.zip/mapp/fwd.eml/lista.docx").inspected)
      << "a truncated Word file is listed, not a crash";
  EXPECT_EQ(named(pd, "Klass 7B.zip/inre.zip/djup.txt").identity_numbers, 1);
  EXPECT_EQ(pd.identity_numbers, 2);
}

TEST(ReadAttachments, NestingPastTheLimitIsListedAsALimit) {
  std::string zip = make_zip({{"botten.txt", "19121212-1212"}});
  for (int i = 0; i < 6; ++i)
    zip = make_zip({{"lager.zip", zip}});
  rules::MessageView view;
  view.attachments = {file("ryska dockor.zip", zip)};
  Limits limits;
  limits.max_depth = 3;
  const rules::PersonalData pd = read_and_detect(view, limits);
  EXPECT_EQ(pd.identity_numbers, 0);
  EXPECT_EQ(pd.attachments.back().why, "limit: depth");
  EXPECT_EQ(pd.attachments.back().name, "ryska dockor.zip/lager.zip/lager.zip/lager.zip");
}

TEST(ReadAttachments, EntriesPastTheLimitStopTheArchiveWhatWasReadCounts) {
  std::vector<fixture::ZipEntry> entries;
  entries.push_back({"först.txt", "19121212-1212"});
  for (int i = 0; i < 20; ++i)
    entries.push_back({"fil" + std::to_string(i) + ".txt", "x"});
  rules::MessageView view;
  view.attachments = {file("många.zip", make_zip(entries))};
  Limits limits;
  limits.max_entries = 10;
  const rules::PersonalData pd = read_and_detect(view, limits);
  EXPECT_EQ(named(pd, "många.zip").why, "limit: entries");
  EXPECT_TRUE(named(pd, "många.zip").inspected) << "what was read still counts";
  EXPECT_EQ(pd.identity_numbers, 1);
}

TEST(ReadAttachments, AZipBombCostsItsMemberOnly) {
  rules::MessageView view;
  view.attachments = {file("bomb.zip", make_zip({{"nollor.txt", std::string(50 << 20, '0')},
                                                 {"elever.csv", "19121212-1212"}}))};
  const rules::PersonalData pd = read_and_detect(view);
  EXPECT_EQ(named(pd, "bomb.zip/nollor.txt").why, "limit: compression ratio");
  EXPECT_FALSE(named(pd, "bomb.zip/nollor.txt").inspected);
  EXPECT_EQ(named(pd, "bomb.zip/elever.csv").identity_numbers, 1);
}

TEST(ReadAttachments, EncryptedFilesAreListedAsEncrypted) {
  rules::MessageView view;
  view.attachments = {
      file("hemlig.zip", make_zip({{"elever.csv", "19121212-1212", true}})),
      file("lösen.docx", fixture::make_ole("EncryptedPackage")),
      file("gammal.doc", fixture::make_ole("WordDocument")),
  };
  const rules::PersonalData pd = read_and_detect(view);
  EXPECT_EQ(named(pd, "hemlig.zip/elever.csv").why, "encrypted");
  EXPECT_EQ(named(pd, "lösen.docx").why, "encrypted");
  EXPECT_EQ(named(pd, "gammal.doc").why, "legacy format");
  EXPECT_FALSE(named(pd, "gammal.doc").inspected);
}

TEST(ReadAttachments, TheMessageTextLimitSpansAllFiles) {
  rules::MessageView view;
  view.attachments = {file("a.txt", std::string(986, 'a') + " 19121212-1212"),
                      file("b.txt", "19800517-1239")};
  Limits limits;
  limits.max_text_bytes = 1000;
  const rules::PersonalData pd = read_and_detect(view, limits);
  EXPECT_EQ(named(pd, "a.txt").why, "");
  EXPECT_EQ(named(pd, "a.txt").identity_numbers, 1);
  EXPECT_EQ(named(pd, "b.txt").why, "limit: text");
  EXPECT_FALSE(named(pd, "b.txt").inspected) << "nothing of it fitted";
}

TEST(ReadAttachments, CalendarAndVcardFoldedLinesAreJoined) {
  rules::MessageView view;
  view.attachments = {file("möte.ics",
                           "BEGIN:VCALENDAR\r\nDESCRIPTION:Elev 1912121\r\n 2-1212 kommer\r\n"
                           "END:VCALENDAR\r\n",
                           "text/calendar")};
  EXPECT_EQ(read_and_detect(view).identity_numbers, 1);
}

TEST(ReadAttachments, APdfWithoutTextIsAScanNotAnInspectedFile) {
  rules::MessageView view;
  view.attachments = {file("Skannad blankett.pdf", testing::pdf_with_pages({{}}))};
  const rules::PersonalData pd = read_and_detect(view);
  EXPECT_FALSE(pd.attachments[0].inspected);
  EXPECT_EQ(pd.attachments[0].why, "no text (a scanned image?)");
}

TEST(ReadAttachments, AnEmptyFileIsInspectedAndHoldsNothing) {
  rules::MessageView view;
  view.attachments = {file("tom.pdf", "")};
  const rules::PersonalData pd = read_and_detect(view);
  EXPECT_TRUE(pd.attachments[0].inspected);
  EXPECT_EQ(pd.attachments[0].why, "");
}

}  // namespace
}  // namespace galguard::extract
