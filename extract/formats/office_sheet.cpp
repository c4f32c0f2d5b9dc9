// Excel: the cells of each worksheet, a row per line and its cells separated by tabs, with the
// identity numbers a numeric column may hold restored (numeric_cells.hpp).
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract_error.hpp"
#include "extract/formats/numeric_cells.hpp"
#include "extract/formats/office_package.hpp"
#include "extract/formats/office_workbook.hpp"
#include "extract/formats/xml_stream.hpp"

namespace galguard::extract::detail {
namespace {

// The column of a cell reference ("AB12" → 28). Excel has 16384 columns (XFD): more than
// four letters is no reference.
std::optional<std::uint64_t> column_of(std::string_view reference) {
  std::uint64_t column = 0;
  std::size_t letters = 0;
  for (const char c : reference) {
    if (c >= 'A' && c <= 'Z') {
      column = column * 26 + static_cast<std::uint64_t>(c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      column = column * 26 + static_cast<std::uint64_t>(c - 'a' + 1);
    } else {
      break;
    }
    if (++letters > 4) return std::nullopt;
  }
  if (letters == 0) return std::nullopt;
  return column;
}

// One pass over a worksheet. The numeric-column rule needs each column's counts before the
// first row is written, so a sheet is read twice: a counting pass, then a writing pass. The
// sheet's XML is in memory already; buffering its rows' text instead could hold up to the
// whole text limit a second time.
class SheetPass : public XmlHandler {
 public:
  // Counting when sink is nullptr.
  SheetPass(const SharedStrings& strings, NumericColumns& columns, TextSink* sink)
      : strings_(strings), columns_(columns), sink_(sink) {
    if (sink != nullptr) row_.emplace(*sink);
  }

  void start(const XmlName& name, const XmlAttributes& attributes) override {
    if (name.is("sheetData")) {
      ++in_data_;
    } else if (in_data_ == 0) {
      return;
    } else if (name.is("row")) {
      next_column_ = 1;
      if (row_) row_->reset();
    } else if (name.is("c")) {
      start_cell(attributes);
    } else if (!in_cell_) {
      return;
    } else if (name.is("v")) {
      in_value_ = true;
    } else if (name.is("is")) {
      in_inline_ = true;
    } else if (name.is("rPh")) {
      ++in_phonetic_;
    } else if (name.is("t") && in_inline_ && in_phonetic_ == 0) {
      in_inline_text_ = true;
    }
  }

  void end(const XmlName& name) override {
    if (name.is("sheetData")) {
      if (in_data_ > 0) --in_data_;
    } else if (in_data_ == 0) {
      return;
    } else if (name.is("row")) {
      end_row();
    } else if (name.is("c")) {
      if (in_cell_) end_cell();
    } else if (name.is("v")) {
      in_value_ = false;
    } else if (name.is("is")) {
      in_inline_ = false;
    } else if (name.is("rPh")) {
      if (in_phonetic_ > 0) --in_phonetic_;
    } else if (name.is("t")) {
      in_inline_text_ = false;
    }
  }

  void text(std::string_view text) override {
    if (in_value_ || in_inline_text_) value_.append(text);
  }

 private:
  void start_cell(const XmlAttributes& attributes) {
    in_cell_ = true;
    value_.clear();
    const std::string_view type = attributes.get("t").value_or("n");
    type_ = type.size() <= 16 ? type : "?";
    const std::optional<std::uint64_t> column = column_of(attributes.get("r").value_or(""));
    column_ = column.value_or(next_column_);
    next_column_ = column_ + 1;
  }

  void end_cell() {
    in_cell_ = in_value_ = in_inline_ = in_inline_text_ = false;
    in_phonetic_ = 0;
    const bool numeric = type_ == "n";
    if (sink_ == nullptr) {
      if (numeric && !value_.empty()) columns_.count(0, column_, value_);
      return;
    }
    if (type_ == "s") {
      std::size_t index = 0;
      const auto [end, error] =
          std::from_chars(value_.data(), value_.data() + value_.size(), index);
      if (error == std::errc() && end == value_.data() + value_.size())
        row_->cell(strings_.at(index));
    } else if (type_ == "b") {
      if (!value_.empty()) row_->cell(value_ == "0" ? "FALSE" : "TRUE");
    } else {
      // inlineStr, str (a formula's text), e (an error), d (an ISO date), and numbers.
      row_->cell(value_);
      if (numeric && columns_.holds_identity_numbers(0, column_)) row_->restore(value_, value_);
    }
  }

  void end_row() {
    if (row_) row_->end();
  }

  const SharedStrings& strings_;
  NumericColumns& columns_;
  TextSink* sink_;
  int in_data_ = 0;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  bool in_inline_text_ = false;
  int in_phonetic_ = 0;
  std::string type_;
  std::string value_;
  std::uint64_t column_ = 0;
  std::uint64_t next_column_ = 1;
  std::optional<detail::RowWriter> row_;  // when writing
};

}  // namespace

void read_sheets(Package& package, TextSink& sink) {
  const std::string main = "xl/workbook.xml";
  const std::optional<std::string> workbook = package.read(main);
  if (!workbook) throw NotInspected("damaged: no " + main);
  SharedStrings strings;
  if (const auto xml = package.read("xl/sharedStrings.xml")) strings.load(*xml);
  for (const std::string& part : worksheet_parts(package, *workbook)) {
    const std::optional<std::string> sheet = package.read(part);
    if (!sheet) continue;
    NumericColumns columns;
    SheetPass count(strings, columns, nullptr);
    parse_xml(*sheet, count);
    SheetPass write(strings, columns, &sink);
    parse_xml(*sheet, write);
    sink.break_line();
  }
}

}  // namespace galguard::extract::detail
