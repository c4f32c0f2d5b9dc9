// OpenDocument (.odt .ods .odp): the paragraphs of content.xml, then of styles.xml (where a
// text document keeps its headers and footers). Tables are written a row per line with tabs
// between cells, and numeric cells follow the identity-number rule of numeric_cells.hpp.
#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract_error.hpp"
#include "extract/formats/numeric_cells.hpp"
#include "extract/formats/office_package.hpp"
#include "extract/formats/xml_stream.hpp"

namespace galguard::extract::detail {
namespace {

constexpr std::string_view kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

// text:s c="N" writes N spaces; a hostile N must not.
constexpr std::uint64_t kMaxSpaces = 64;

std::uint64_t count_attribute(const XmlAttributes& attributes, std::string_view name) {
  const std::string_view text = attributes.get(name).value_or("1");
  std::uint64_t value = 1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0) return 1;
  return value;
}

bool is_white(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// One pass over a part; counting (sink nullptr) or writing. Like a worksheet, a table is read
// twice so that each column's counts are known before its first row is written.
class DocumentPass : public XmlHandler {
 public:
  DocumentPass(NumericColumns& columns, TextSink* sink) : columns_(columns), sink_(sink) {
    if (sink != nullptr) row_.emplace(*sink);
  }

  void start(const XmlName& name, const XmlAttributes& attributes) override {
    if (skip_ > 0 || name.is("note-citation")) {
      // A footnote's mark would join the word before it: "0102031234" and mark "1" would read
      // as "01020312341". (Text deleted with change tracking on is read: it sits in
      // paragraphs of its own in text:tracked-changes, and any recipient can show it.)
      ++skip_;
    } else if (name.is("table")) {
      if (++table_depth_ == 1) ++table_;
    } else if (table_depth_ == 1 && name.is("table-row")) {
      column_ = 0;
      if (row_) row_->reset();
    } else if (table_depth_ == 1 && (name.is("table-cell") || name.is("covered-table-cell"))) {
      start_cell(attributes);
    } else if (sink_ == nullptr) {
      return;
    } else if (name.is("p") || name.is("h")) {
      if (paragraphs_++ > 0) separate();  // a footnote's body inside its paragraph
      space_allowed_ = false;
    } else if (paragraphs_ == 0) {
      return;
    } else if (name.is("s")) {
      if (space_owed_) write(" ");  // "a <text:s/>b" shows two spaces
      write(std::string(std::min(count_attribute(attributes, "c"), kMaxSpaces), ' '));
      space_owed_ = space_allowed_ = false;
    } else if (name.is("tab")) {
      write("\t");
      space_owed_ = space_allowed_ = false;
    } else if (name.is("line-break")) {
      separate();
    }
  }

  void end(const XmlName& name) override {
    if (skip_ > 0) {
      --skip_;
    } else if (name.is("table")) {
      if (table_depth_ > 0) --table_depth_;
    } else if (table_depth_ == 1 && name.is("table-row")) {
      end_row();
    } else if (table_depth_ == 1 && (name.is("table-cell") || name.is("covered-table-cell"))) {
      end_cell();
    } else if (sink_ != nullptr && (name.is("p") || name.is("h")) && paragraphs_ > 0) {
      --paragraphs_;
      separate();
    }
  }

  // White space in a paragraph collapses to one space, none at its start or end (ODF 1.2
  // §6.1.2); spans and other inline elements join with nothing between them.
  void text(std::string_view text) override {
    if (sink_ == nullptr || skip_ > 0 || paragraphs_ == 0) return;
    while (!text.empty()) {
      if (is_white(text.front())) {
        if (space_allowed_) space_owed_ = true;
        text.remove_prefix(1);
        continue;
      }
      const auto white = std::find_if(text.begin(), text.end(), is_white);
      const std::size_t length = static_cast<std::size_t>(white - text.begin());
      if (space_owed_) write(" ");
      write(text.substr(0, length));
      space_owed_ = false;
      space_allowed_ = true;
      text.remove_prefix(length);
    }
  }

 private:
  void start_cell(const XmlAttributes& attributes) {
    // Repeated cells are one element written once; the repeat only moves the column, so a
    // row of 16000 repeated empty cells costs nothing.
    const std::uint64_t repeat = count_attribute(attributes, "number-columns-repeated");
    in_cell_ = true;
    cell_column_ = column_;
    column_ = repeat > std::numeric_limits<std::uint64_t>::max() - column_
                  ? std::numeric_limits<std::uint64_t>::max()
                  : column_ + repeat;
    cell_text_.clear();
    number_.clear();
    space_owed_ = space_allowed_ = false;
    if (attributes.get(kOffice, "value-type") == "float")
      number_ = attributes.get(kOffice, "value").value_or("");
    if (sink_ == nullptr && !number_.empty()) columns_.count(table_, cell_column_, number_);
  }

  void end_cell() {
    if (!in_cell_) return;
    in_cell_ = false;
    if (sink_ == nullptr) return;
    // The text shown in the cell; a number stored without it is written as stored.
    const std::string shown = cell_text_.empty() ? number_ : cell_text_;
    row_->cell(shown);
    if (!number_.empty() && columns_.holds_identity_numbers(table_, cell_column_))
      row_->restore(number_, shown);
  }

  void end_row() {
    if (row_) row_->end();
  }

  // Paragraph text goes to the cell it is in (written when the cell ends), or to the sink.
  void write(std::string_view text) {
    if (in_cell_) {
      cell_text_.append(text);
    } else {
      sink_->append(text);
    }
  }

  // The end of a paragraph or line: a line break outside tables, a space within a cell, so
  // that a table row stays one line.
  void separate() {
    if (in_cell_) {
      space_owed_ = !cell_text_.empty();
      space_allowed_ = false;
      return;
    }
    sink_->break_line();
    space_owed_ = space_allowed_ = false;
  }

  NumericColumns& columns_;
  TextSink* sink_;
  int skip_ = 0;
  int table_depth_ = 0;
  std::uint64_t table_ = 0;  // ordinal of the outermost table being read
  std::uint64_t column_ = 0;
  std::uint64_t cell_column_ = 0;
  bool in_cell_ = false;
  std::string cell_text_;
  std::string number_;
  std::optional<detail::RowWriter> row_;  // when writing
  int paragraphs_ = 0;
  bool space_owed_ = false;
  bool space_allowed_ = false;
};

// ODF encrypts parts itself (META-INF/manifest.xml describes how), not with ZIP encryption:
// an encrypted content.xml is a stored member of ciphertext.
class ManifestEncryption : public XmlHandler {
 public:
  void start(const XmlName& name, const XmlAttributes& attributes) override {
    if (name.is("file-entry")) {
      entry_ = attributes.get("full-path").value_or("");
    } else if (name.is("encryption-data") && entry_ == "content.xml") {
      encrypted = true;
    }
  }
  void end(const XmlName& name) override {
    if (name.is("file-entry")) entry_.clear();
  }
  void text(std::string_view) override {}

  bool encrypted = false;

 private:
  std::string entry_;
};

void read_part(const std::string& xml, TextSink& sink) {
  NumericColumns columns;
  DocumentPass count(columns, nullptr);
  parse_xml(xml, count);
  DocumentPass write(columns, &sink);
  parse_xml(xml, write);
  sink.break_line();
}

}  // namespace

void read_opendocument(Package& package, TextSink& sink) {
  if (const auto manifest = package.read("META-INF/manifest.xml")) {
    ManifestEncryption encryption;
    parse_xml(*manifest, encryption);
    if (encryption.encrypted) throw NotInspected("encrypted");
  }
  const std::string main = "content.xml";
  const std::optional<std::string> content = package.read(main);
  if (!content) throw NotInspected("damaged: no " + main);
  read_part(*content, sink);
  if (const auto styles = package.read("styles.xml")) read_part(*styles, sink);
}

}  // namespace galguard::extract::detail
