// What an Excel workbook's sheets refer to: its shared strings, and its worksheets in the
// order the workbook lists them (the order of the tabs a recipient sees).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/formats/office_package.hpp"

namespace galguard::extract::detail {

// xl/sharedStrings.xml: the text of each si (plain t, or the t of its rich-text runs r; not
// the phonetic guides rPh, which repeat the text's reading). One buffer and an end offset per
// string, so a part of millions of empty <si/> costs four bytes each, not a std::string each.
class SharedStrings {
 public:
  void load(std::string_view xml);
  std::string_view at(std::size_t index) const;  // "" when there is no such string

 private:
  std::string text_;
  std::vector<std::uint32_t> ends_;
};

// The worksheet parts in workbook order (xl/workbook.xml's sheets, through
// xl/_rels/workbook.xml.rels), each once; when the workbook names none that exist, the
// xl/worksheets/sheetN.xml parts in numeric order.
std::vector<std::string> worksheet_parts(Package& package, std::string_view workbook);

}  // namespace galguard::extract::detail
