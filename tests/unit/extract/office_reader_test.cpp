// Word and PowerPoint files as the detectors receive them, and the Office files that are not
// read (password-protected, legacy, damaged, hostile) with the reason the DPO is shown.
#include "extract/formats/office_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/extract/office_fixture.hpp"
#include "tests/unit/extract/zip_fixture.hpp"

namespace galguard::extract {
namespace {

using namespace fixture;

std::string paragraph(std::string_view text) {
  return "<w:p><w:r><w:t>" + std::string(text) + "</w:t></w:r></w:p>";
}

std::size_t occurrences(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// --- Word ----------------------------------------------------------------------------------

TEST(OfficeWord, NumberSplitAcrossRunsReadsAsOneNumber) {
  const std::string docx =
      make_docx(R"(<w:p><w:r><w:t xml:space="preserve">CPR </w:t></w:r><w:r><w:t>0102</w:t></w:r>)"
                R"(<w:r><w:rPr><w:b/></w:rPr><w:t>03</w:t></w:r><w:proofErr w:type="spellStart"/>)"
                R"(<w:r><w:t>1234</w:t></w:r></w:p>)");
  EXPECT_EQ(office_text(docx, OfficeFormat::docx), "CPR 0102031234\n");
}

TEST(OfficeWord, ParagraphsTabsAndLineBreaks) {
  const std::string docx = make_docx(
      // A tab stop in the paragraph's properties is no tab in its text.
      R"(<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr>)"
      R"(<w:r><w:t>Namn</w:t></w:r><w:r><w:tab/><w:t>Anna</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:t>rad ett</w:t><w:br/><w:t>rad två</w:t></w:r></w:p><w:p/>)"
      R"(<w:p><w:r><w:t>050101</w:t><w:noBreakHyphen/><w:t>1234</w:t></w:r></w:p>)"
      R"(<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)");
  EXPECT_EQ(office_text(docx, OfficeFormat::docx),
            "Namn\tAnna\nrad ett\nrad två\n050101-1234\ncell\n");
}

TEST(OfficeWord, HeadersFootersFootnotesAndCommentsAreRead) {
  const std::string docx = make_docx(
      paragraph("Brödtext"),
      {{"word/header1.xml", word_part("hdr", paragraph("Sidhuvud"))},
       {"word/footer2.xml", word_part("ftr", paragraph("Sidfot 0102031234"))},
       {"word/footnotes.xml",
        word_part("footnotes", R"(<w:footnote w:id="1">)" + paragraph("Fotnot") + "</w:footnote>")},
       {"word/comments.xml", word_part("comments", R"(<w:comment w:id="0">)" +
                                                       paragraph("Kommentar") + "</w:comment>")}});
  EXPECT_EQ(office_text(docx, OfficeFormat::docx),
            "Brödtext\nSidhuvud\nSidfot 0102031234\nFotnot\nKommentar\n");
}

// Text deleted with change tracking on is still in the file: it is read on its own line, so
// that the number as it reads now stays whole.
TEST(OfficeWord, TrackedDeletionsAreReadOnTheirOwnLine) {
  const std::string docx =
      make_docx(R"(<w:p><w:r><w:t>CPR </w:t></w:r><w:del w:id="1" w:author="A"><w:r>)"
                R"(<w:delText>0102</w:delText></w:r></w:del><w:del w:id="2" w:author="A"><w:r>)"
                R"(<w:rPr><w:b/></w:rPr><w:delText>031234</w:delText></w:r></w:del>)"
                R"(<w:ins w:id="3" w:author="A"><w:r><w:t>0501011234</w:t></w:r></w:ins></w:p>)");
  EXPECT_EQ(office_text(docx, OfficeFormat::docx), "CPR 0501011234\n0102031234\n");
}

// A text box is stored twice, for new and old readers: its number is one number.
TEST(OfficeWord, TextBoxAlternativesAreReadOnce) {
  const std::string box = "<w:txbxContent>" + paragraph("Ruta 0102031234") + "</w:txbxContent>";
  const std::string docx =
      make_docx(R"(<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>)" + box +
                "</w:drawing></mc:Choice><mc:Fallback><w:pict>" + box +
                "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>" + paragraph("Slut"));
  const std::string text = office_text(docx, OfficeFormat::docx);
  EXPECT_EQ(occurrences(text, "0102031234"), 1u) << text;
  EXPECT_NE(text.find("Slut"), std::string::npos);
}

TEST(OfficeWord, NoDocumentPartIsDamaged) {
  const std::string zip = make_zip({{"word/styles.xml", word_part("styles", "")}});
  EXPECT_EQ(office_why_not(zip, OfficeFormat::docx), "damaged: no word/document.xml");
}

TEST(OfficeWord, FirstHalfOfAFileIsDamaged) {
  const std::string docx = make_docx(paragraph("0102031234"));
  const std::string why = office_why_not(docx.substr(0, docx.size() / 2), OfficeFormat::docx);
  EXPECT_TRUE(why.starts_with("damaged: ")) << why;
}

TEST(OfficeWord, MalformedXmlSaysWhereItBroke) {
  const std::string zip = make_zip({{"word/document.xml",
                                     "<w:document xmlns:w=\"x\">\n<w:p>\n"
                                     "<w:r></w:p>\n</w:document>"}});
  EXPECT_EQ(office_why_not(zip, OfficeFormat::docx), "damaged: mismatched tag at line 3");
}

// Entity expansion needs a DOCTYPE; Office XML never has one.
TEST(OfficeWord, DoctypeWithEntityBombIsRefused) {
  std::string doctype = R"(<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "0102031234">)";
  std::string previous = "a";
  for (int level = 1; level <= 9; ++level) {
    const std::string name = "a" + std::to_string(level);
    doctype += "<!ENTITY " + name + " \"";
    for (int i = 0; i < 10; ++i)
      doctype += "&" + previous + ";";
    doctype += "\">";
    previous = name;
  }
  doctype += "]>";
  const std::string xml = doctype + std::string(R"(<w:document )") + std::string(kWordNs) +
                          "><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>";
  const std::string zip = make_zip({{"word/document.xml", xml}});
  EXPECT_EQ(office_why_not(zip, OfficeFormat::docx), "damaged: DOCTYPE in Office XML");
}

TEST(OfficeWord, UndeclaredEntityIsDamaged) {
  const std::string docx = make_docx(paragraph("&lol;"));
  EXPECT_EQ(office_why_not(docx, OfficeFormat::docx), "damaged: undefined entity at line 1");
}

// --- PowerPoint ----------------------------------------------------------------------------

TEST(OfficeSlides, SlidesInNumericOrder) {
  const std::string pptx = make_pptx({{10, "<a:p><a:r><a:t>tio</a:t></a:r></a:p>"},
                                      {2, "<a:p><a:r><a:t>två</a:t></a:r></a:p>"},
                                      {1, "<a:p><a:r><a:t>ett</a:t></a:r></a:p>"}});
  EXPECT_EQ(office_text(pptx, OfficeFormat::pptx), "ett\ntvå\ntio\n");
}

TEST(OfficeSlides, RunsJoinWithinParagraphsAndNotesAreRead) {
  const std::string pptx = make_pptx(
      {{1,
        "<a:p><a:r><a:t>0102</a:t></a:r><a:r><a:rPr b=\"1\"/><a:t>031234</a:t></a:r></a:p>"
        "<a:p><a:r><a:t>rad</a:t></a:r><a:br/><a:r><a:t>två</a:t></a:r></a:p>"}},
      {{1, "<a:p><a:r><a:t>Talarnotis</a:t></a:r></a:p>"}});
  EXPECT_EQ(office_text(pptx, OfficeFormat::pptx), "0102031234\nrad\ntvå\nTalarnotis\n");
}

TEST(OfficeSlides, NoPresentationPartIsDamaged) {
  const std::string zip = make_zip({{"ppt/slides/slide1.xml", slide("")}});
  EXPECT_EQ(office_why_not(zip, OfficeFormat::pptx), "damaged: no ppt/presentation.xml");
}

// --- Files that are not read -----------------------------------------------------------------

TEST(OfficeProtection, PasswordProtectedOfficeFileIsEncrypted) {
  const std::string ole = make_ole("EncryptedPackage");
  EXPECT_EQ(office_why_not(ole, OfficeFormat::docx), "encrypted");
  EXPECT_EQ(office_why_not(ole, OfficeFormat::xlsx), "encrypted");
}

TEST(OfficeProtection, LegacyOleFileIsLegacyFormat) {
  EXPECT_EQ(office_why_not(make_ole("WordDocument"), OfficeFormat::docx), "legacy format");
  EXPECT_EQ(office_why_not(make_ole("Workbook"), OfficeFormat::xlsx), "legacy format");
}

TEST(OfficeProtection, EncryptedZipMemberIsEncrypted) {
  const std::string zip =
      make_zip({{"word/document.xml", word_part("document", paragraph("0102031234")), true}});
  EXPECT_EQ(office_why_not(zip, OfficeFormat::docx), "encrypted");
}

// --- Limits --------------------------------------------------------------------------------

TEST(OfficeLimits, TextLimitKeepsTheTextBeforeIt) {
  const std::string docx = make_docx(paragraph("Första stycket") + paragraph("0102031234") +
                                     paragraph("Tredje stycket"));
  const std::string whole = office_text(docx, OfficeFormat::docx);
  TextSink sink(20);
  try {
    read_office(docx, OfficeFormat::docx, Limits{}, sink);
    FAIL() << "no limit reached";
  } catch (const LimitReached& e) {
    EXPECT_STREQ(e.what(), "limit: text");
  }
  EXPECT_EQ(sink.text(), whole.substr(0, 20));
  EXPECT_EQ(sink.text(), "Första stycket\n0102");
}

// Parts are limited together, as the file they make up: each within max_file_bytes, all of
// them not.
TEST(OfficeLimits, PartsTogetherStayWithinTheFileSize) {
  std::string many;
  for (int i = 0; i < 3000; ++i)
    many += paragraph(std::to_string(i));
  const std::string header = word_part("hdr", many);
  Limits limits;
  limits.max_file_bytes = header.size() * 2 + 1000;
  const std::string docx =
      make_docx(many, {{"word/header1.xml", header}, {"word/header2.xml", header}});
  TextSink sink(1 << 20);
  EXPECT_THROW(read_office(docx, OfficeFormat::docx, limits, sink), LimitReached);
  EXPECT_TRUE(sink.text().starts_with("0\n1\n2\n"));
  EXPECT_EQ(office_why_not(docx, OfficeFormat::docx, limits), "limit: file size");
}

TEST(OfficeLimits, BombPartStopsAtTheCompressionRatio) {
  ZipBuilder builder;
  builder.add({"word/document.xml", word_part("document", paragraph("före"))});
  builder.add_zeros("word/header1.xml", 20'000'000);
  const std::string docx = builder.finish();
  TextSink sink(1 << 20);
  EXPECT_THROW(read_office(docx, OfficeFormat::docx, Limits{}, sink), LimitReached);
  EXPECT_EQ(sink.text(), "före\n");
  EXPECT_EQ(office_why_not(docx, OfficeFormat::docx), "limit: compression ratio");
}

}  // namespace
}  // namespace galguard::extract
