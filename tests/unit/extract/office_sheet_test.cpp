// Excel files as the detectors receive them: a row per line, cells tab-separated, and the
// identity numbers a numeric column lost its leading zero in written back as candidates.
#include <gtest/gtest.h>

#include <string>

#include "extract/formats/numeric_cells.hpp"
#include "extract/formats/office_reader.hpp"
#include "tests/unit/extract/office_fixture.hpp"
#include "tests/unit/extract/zip_fixture.hpp"

namespace galguard::extract {
namespace {

using namespace fixture;

std::string number(std::string_view ref, std::string_view value) {
  return R"(<c r=")" + std::string(ref) + R"("><v>)" + std::string(value) + "</v></c>";
}

std::string row(std::string_view cells) {
  return "<row>" + std::string(cells) + "</row>";
}

std::string xlsx_text(const std::vector<std::string>& sheets,
                      const std::vector<std::string>& strings = {}) {
  return office_text(make_xlsx(sheets, strings), OfficeFormat::xlsx);
}

TEST(OfficeSheet, SharedInlineFormulaBooleanAndNumericCells) {
  const std::vector<std::string> strings = {
      "<t>Namn</t>", "<t>CPR</t>",
      // Rich text joins its runs; the phonetic guide (rPh) repeats the reading and is left out.
      R"(<r><t>An</t></r><r><rPr><b/></rPr><t>na</t></r><rPh sb="0" eb="1"><t>アンナ</t></rPh>)"};
  const std::string sheet =
      row(R"(<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
          R"(<c r="C1" t="inlineStr"><is><t>Belopp</t></is></c>)") +
      row(R"(<c r="A2" t="s"><v>2</v></c>)" + number("B2", "102031234") + number("C2", "12.5")) +
      row(R"(<c r="A3" t="str"><f>A1</f><v>Namn</v></c>)"
          R"(<c r="B3" t="n"><v>501011234</v></c>)" +
          number("C3", "300") + R"(<c r="D3" t="b"><v>1</v></c><c r="E3" t="s"><v>99</v></c>)");
  EXPECT_EQ(xlsx_text({sheet}, strings),
            "Namn\tCPR\tBelopp\n"
            "Anna\t102031234\t12.5\t0102031234\n"
            "Namn\t501011234\t300\tTRUE\t0501011234\n");
}

TEST(OfficeSheet, ColumnOfNineDigitNumbersGetsTheirLeadingZeroBack) {
  const std::string sheet = row(number("A1", "102031234")) + row(number("A2", "501011234")) +
                            row(number("A3", "1")) + row(R"(<c r="A4"><f>A1</f></c>)");
  EXPECT_EQ(xlsx_text({sheet}), "102031234\t0102031234\n501011234\t0501011234\n1\n");
}

TEST(OfficeSheet, OneLargeAmountAmongSmallOnesIsNoIdentityColumn) {
  const std::string sheet = row(number("A1", "12")) + row(number("A2", "15.75")) +
                            row(number("A3", "7")) + row(number("A4", "102031234"));
  EXPECT_EQ(xlsx_text({sheet}), "12\n15.75\n7\n102031234\n");
}

TEST(OfficeSheet, TenDigitColumnGivesTheElevenDigitCandidate) {
  const std::string sheet = row(number("A1", "1020312345")) + row(number("A2", "1231231234"));
  // The 10-digit form is the value itself: written once, not twice.
  EXPECT_EQ(xlsx_text({sheet}), "1020312345\t01020312345\n1231231234\t01231231234\n");
}

TEST(OfficeSheet, ExponentFormCountsWhenItIsAnInteger) {
  const std::string sheet = row(number("A1", "1.02031234E8")) + row(number("A2", "1.020312345E9"));
  EXPECT_EQ(xlsx_text({sheet}),
            "1.02031234E8\t0102031234\n1.020312345E9\t1020312345\t01020312345\n");
}

TEST(OfficeSheet, ColumnsAreJudgedPerSheetAndPerColumn) {
  const std::string ids = row(number("A1", "102031234") + number("B1", "5")) +
                          row(number("A2", "501011234") + number("B2", "6"));
  const std::string amounts =
      row(number("A1", "7")) + row(number("A2", "9")) + row(number("A3", "102031234"));
  EXPECT_EQ(xlsx_text({ids, amounts}),
            "102031234\t5\t0102031234\n501011234\t6\t0501011234\n"
            "7\n9\n102031234\n");
}

// Cells without a reference take the next column; empty cells write nothing, not even a tab.
TEST(OfficeSheet, CellsWithoutReferencesAndEmptyCells) {
  const std::string sheet =
      row(R"(<c><v>102031234</v></c><c s="1"/><c/><c t="inlineStr"><is><t>x</t></is></c>)") +
      row(R"(<c><v>501011234</v></c>)");
  EXPECT_EQ(xlsx_text({sheet}), "102031234\tx\t0102031234\n501011234\t0501011234\n");
}

TEST(OfficeSheet, SheetsInWorkbookOrder) {
  const auto parts = xlsx_parts({row(R"(<c t="inlineStr"><is><t>första</t></is></c>)"),
                                 row(R"(<c t="inlineStr"><is><t>andra</t></is></c>)")},
                                {}, {2, 1});
  EXPECT_EQ(office_text(make_zip(parts), OfficeFormat::xlsx), "andra\nförsta\n");
}

TEST(OfficeSheet, NoWorkbookIsDamaged) {
  const std::string zip = make_zip({{"xl/worksheets/sheet1.xml", worksheet("")}});
  EXPECT_EQ(office_why_not(zip, OfficeFormat::xlsx), "damaged: no xl/workbook.xml");
}

// --- The rule itself -----------------------------------------------------------------------

TEST(OfficeNumericCells, IdentityLikeIntegers) {
  struct Case {
    std::string_view value;
    std::optional<std::string> want;
  };
  const Case cases[] = {
      {"102031234", "102031234"},
      {"1020312345", "1020312345"},
      {"0102031234", "102031234"},
      {"102031234.0", "102031234"},
      {"1.02031234E8", "102031234"},
      {"1.02031234e+8", "102031234"},
      {"10203123.4E1", "102031234"},
      {"1.020312345E9", "1020312345"},
      {"1E8", "100000000"},
      {"12345678", std::nullopt},     // 8 digits
      {"12345678901", std::nullopt},  // 11 digits
      {"102031234.5", std::nullopt},  // not an integer
      {"1.0203123456E9", std::nullopt},
      {"-102031234", std::nullopt},  // a sign
      {"1.02031234E", std::nullopt},
      {"1.02031234E-8", std::nullopt},
      {"1E99999999999999999999999", std::nullopt},
      {"0", std::nullopt},
      {"", std::nullopt},
      {".", std::nullopt},
      {"102 031 234", std::nullopt},
  };
  for (const Case& c : cases)
    EXPECT_EQ(detail::identity_like_integer(c.value), c.want) << c.value;
}

TEST(OfficeNumericCells, AColumnNeedsAtLeastHalfIdentityLike) {
  detail::NumericColumns columns;
  for (const char* value : {"102031234", "5"})
    columns.count(0, 1, value);
  for (const char* value : {"102031234", "5", "6"})
    columns.count(0, 2, value);
  for (const char* value : {"5", "6"})
    columns.count(0, 3, value);
  columns.count(1, 1, "7");
  EXPECT_TRUE(columns.holds_identity_numbers(0, 1));
  EXPECT_FALSE(columns.holds_identity_numbers(0, 2));
  EXPECT_FALSE(columns.holds_identity_numbers(0, 3));
  EXPECT_FALSE(columns.holds_identity_numbers(0, 4));
  EXPECT_FALSE(columns.holds_identity_numbers(1, 1));
}

TEST(OfficeNumericCells, RestoredForms) {
  const auto restored = [](std::string_view value, std::string_view shown) {
    std::vector<std::string> tokens;
    detail::restored_identity_numbers(value, shown, tokens);
    return tokens;
  };
  using Tokens = std::vector<std::string>;
  EXPECT_EQ(restored("102031234", "102031234"), Tokens{"0102031234"});
  EXPECT_EQ(restored("1020312345", "1020312345"), Tokens{"01020312345"});
  EXPECT_EQ(restored("1020312345", "1 020 312 345"), (Tokens{"1020312345", "01020312345"}));
  EXPECT_EQ(restored("12.5", "12.5"), Tokens{});
}

}  // namespace
}  // namespace galguard::extract
