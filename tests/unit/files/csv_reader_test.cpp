#include "directory/files/csv_reader.hpp"

#include <gtest/gtest.h>

namespace galguard::directory::files {
namespace {

std::vector<CsvRecord> read_all(std::string_view text, char delimiter = ',') {
  CsvReader reader(text, delimiter, 1);
  std::vector<CsvRecord> out;
  CsvRecord r;
  while (reader.next(r))
    out.push_back(r);
  return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, QuotedFieldsEscapesAndLineBreaks) {
  const auto rs = read_all(
      "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
      "\"two\r\nlines\",,x\r\n"
      "\r\n"
      "last,\"\",end");
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].fields, (Fields{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(rs[0].line, 1u);
  EXPECT_EQ(rs[1].fields, (Fields{"two\r\nlines", "", "x"}));
  EXPECT_EQ(rs[1].line, 2u);
  EXPECT_EQ(rs[2].fields, (Fields{"last", "", "end"}));
  EXPECT_EQ(rs[2].line, 5u);  // the blank line 4 is skipped, not a record
  for (const auto& r : rs)
    EXPECT_EQ(r.error, "");
}

TEST(CsvReader, SemicolonAndEmptyLastField) {
  const auto rs = read_all("a;b;\nc;\"d;e\";f\n", ';');
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0].fields, (Fields{"a", "b", ""}));
  EXPECT_EQ(rs[1].fields, (Fields{"c", "d;e", "f"}));
}

TEST(CsvReader, MalformedRecordsAreFlagged) {
  auto rs = read_all("\"a\"x,b\nok,1\n");
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_NE(rs[0].error, "");
  EXPECT_EQ(rs[1].error, "");
  EXPECT_EQ(rs[1].line, 2u);

  rs = read_all("ok,1\n\"never closed,2\nmore\n");
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[1].line, 2u);
  EXPECT_NE(rs[1].error.find("not closed"), std::string::npos);
}

TEST(CsvReader, DetectsTheDelimiterOutsideQuotes) {
  EXPECT_EQ(detect_delimiter("\"a,b\";\"c,d\";e\n1,2,3,4,5"), ';');
  EXPECT_EQ(detect_delimiter("a,b,c"), ',');
  EXPECT_EQ(detect_delimiter("a\tb\tc"), '\t');
  EXPECT_EQ(detect_delimiter("single"), ',');
}

}  // namespace
}  // namespace galguard::directory::files
