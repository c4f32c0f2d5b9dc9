// OpenDocument files (LibreOffice's .odt .ods .odp) as the detectors receive them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "extract/formats/office_reader.hpp"
#include "tests/unit/extract/office_fixture.hpp"
#include "tests/unit/extract/zip_fixture.hpp"

namespace galguard::extract {
namespace {

using namespace fixture;

std::string odf_text(std::string_view kind, std::string_view body) {
  return office_text(make_opendocument(kind, body), OfficeFormat::opendocument);
}

std::string text_cell(std::string_view text) {
  return R"(<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>)" +
         std::string(text) + "</text:p></table:table-cell>";
}

std::string float_cell(std::string_view value, std::string_view shown) {
  return R"(<table:table-cell office:value-type="float" office:value=")" + std::string(value) +
         R"(" calcext:value-type="float"><text:p>)" + std::string(shown) +
         "</text:p></table:table-cell>";
}

std::string table_row(std::string_view cells) {
  return "<table:table-row>" + std::string(cells) + "</table:table-row>";
}

std::string table(std::string_view rows) {
  return R"(<table:table table:name="Blad1">)"
         R"(<table:table-column table:number-columns-repeated="4"/>)" +
         std::string(rows) + "</table:table>";
}

TEST(OpenDocument, ParagraphsSpansSpacesTabsAndLineBreaks) {
  EXPECT_EQ(
      odf_text("text",
               R"(<text:h text:outline-level="1">Elevlista</text:h>)"
               R"(<text:p>CPR <text:span text:style-name="T1">0102</text:span>031234</text:p>)"
               "<text:p>\n  Namn:<text:tab/>Anna<text:s text:c=\"2\"/>Svensson"
               "<text:line-break/>rad \n  två  </text:p>"),
      "Elevlista\nCPR 0102031234\nNamn:\tAnna  Svensson\nrad två\n");
}

TEST(OpenDocument, FootnoteMarkDoesNotJoinTheNumberBeforeIt) {
  EXPECT_EQ(
      odf_text("text",
               R"(<text:p>Nummer 0102031234<text:note text:id="n1" text:note-class="footnote">)"
               "<text:note-citation>1</text:note-citation><text:note-body>"
               "<text:p>Fotnot</text:p></text:note-body></text:note> och mer</text:p>"),
      "Nummer 0102031234\nFotnot\noch mer\n");
}

TEST(OpenDocument, TrackedDeletionsAreRead) {
  EXPECT_EQ(odf_text("text",
                     "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
                     "<office:change-info><dc:creator>Anna</dc:creator></office:change-info>"
                     "<text:p>0102031234</text:p></text:deletion></text:changed-region>"
                     "</text:tracked-changes><text:p>kvar</text:p>"),
            "0102031234\nkvar\n");
}

TEST(OpenDocument, PresentationFramesAreRead) {
  EXPECT_EQ(odf_text("presentation",
                     R"(<draw:page draw:name="s1"><draw:frame><draw:text-box>)"
                     "<text:p>Bild ett</text:p></draw:text-box></draw:frame></draw:page>"
                     R"(<draw:page draw:name="s2"><draw:frame><draw:text-box>)"
                     "<text:p>Bild två</text:p></draw:text-box></draw:frame></draw:page>"),
            "Bild ett\nBild två\n");
}

// LibreOffice fills a sheet's rows out to the last column with one repeated empty cell, and
// the sheet out to its last row with one repeated row: neither may turn into text.
TEST(OpenDocument, SpreadsheetNumericColumnAndRepeatedCells) {
  const std::string rows =
      table_row(text_cell("Namn") + text_cell("CPR") +
                R"(<table:table-cell table:number-columns-repeated="16000"/>)") +
      table_row(text_cell("Anna") + float_cell("102031234", "102031234") +
                R"(<table:table-cell table:number-columns-repeated="16000"/>)") +
      table_row(text_cell("Bo") + float_cell("501011234", "501011234") +
                float_cell("12.5", "12,50 kr")) +
      R"(<table:table-row table:number-rows-repeated="1048570">)"
      R"(<table:table-cell table:number-columns-repeated="16384"/></table:table-row>)";
  const std::string text = odf_text("spreadsheet", table(rows));
  EXPECT_EQ(text, "Namn\tCPR\nAnna\t102031234\t0102031234\nBo\t501011234\t12,50 kr\t0501011234\n");
  EXPECT_LT(std::count(text.begin(), text.end(), '\t'), 10);
}

// The column a number counts for is found through the repeats before it.
TEST(OpenDocument, RepeatedCellsMoveTheColumn) {
  const std::string rows =
      table_row(R"(<table:table-cell table:number-columns-repeated="3"/>)" +
                float_cell("102031234", "102031234")) +
      table_row(text_cell("a") + text_cell("b") + text_cell("c") + float_cell("5", "5")) +
      table_row(R"(<table:table-cell table:number-columns-repeated="3"/>)" +
                float_cell("501011234", "501011234"));
  EXPECT_EQ(odf_text("spreadsheet", table(rows)),
            "102031234\t0102031234\na\tb\tc\t5\n501011234\t0501011234\n");
}

TEST(OpenDocument, AmountsColumnAndTablesJudgedApart) {
  const std::string ids = table(table_row(float_cell("102031234", "102031234")));
  const std::string amounts =
      table(table_row(float_cell("7", "7")) + table_row(float_cell("9", "9")) +
            table_row(float_cell("102031234", "102 031 234")));
  EXPECT_EQ(odf_text("spreadsheet", ids + amounts), "102031234\t0102031234\n7\n9\n102 031 234\n");
}

TEST(OpenDocument, NumberWithoutDisplayedTextIsWrittenAsStored) {
  const std::string rows =
      table_row(R"(<table:table-cell office:value-type="float" office:value="1020312345"/>)");
  EXPECT_EQ(odf_text("spreadsheet", table(rows)), "1020312345\t01020312345\n");
}

TEST(OpenDocument, ParagraphsOfACellStayOnItsRow) {
  const std::string rows = table_row(
      "<table:table-cell><text:p>Anna</text:p><text:p>Svensson</text:p></table:table-cell>" +
      text_cell("x"));
  EXPECT_EQ(odf_text("text", table(rows)), "Anna Svensson\tx\n");
}

TEST(OpenDocument, EncryptedContentIsEncrypted) {
  const std::string odt = make_opendocument(
      "text", "<text:p>x</text:p>",
      R"(<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">)"
      R"(<manifest:algorithm manifest:algorithm-name="Blowfish CFB" )"
      R"(manifest:initialisation-vector="AAAA"/></manifest:encryption-data>)");
  EXPECT_EQ(office_why_not(odt, OfficeFormat::opendocument), "encrypted");
}

TEST(OpenDocument, NoContentIsDamaged) {
  const std::string zip = make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}});
  EXPECT_EQ(office_why_not(zip, OfficeFormat::opendocument), "damaged: no content.xml");
}

}  // namespace
}  // namespace galguard::extract
