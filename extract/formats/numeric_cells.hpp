// Identity numbers a spreadsheet stored as numbers. Typed into a cell, a Danish CPR 0102031234
// becomes the number 102031234, a Swedish personnummer 0501011234 becomes 501011234 and a
// Norwegian fødselsnummer 01020312345 becomes 1020312345: the leading zero (and a dash) is
// gone, and with it the checksum the detectors rely on. The rule (README "Attachments"):
//
//   * A numeric cell is identity-like when its value is an integer of 9 or 10 digits: plain
//     ("102031234"), with a zero fraction ("102031234.0") or in exponent form
//     ("1.02031234E8"); no sign, nothing but digits, '.', and E/e with an optionally signed
//     exponent.
//   * Per sheet (per table in OpenDocument), per column: the column holds identity numbers when
//     at least one of its numeric cells is identity-like and identity-like cells are at least
//     half of its numeric cells. Text cells do not count either way; a column of amounts with
//     one large sum stays a column of amounts.
//   * Each identity-like cell of such a column is also written, after its row's cells, as its
//     integer left-padded with '0' to 10 digits and, for a 10-digit integer, to 11 digits: each
//     its own tab-separated token, and left out where it is the text the cell already shows.
//
// A numeric cell is, in Excel, a cell with a value v and no type t or t="n"; in OpenDocument, a
// table cell with office:value-type="float" and its office:value. A cell OpenDocument repeats
// across columns (number-columns-repeated) or rows (number-rows-repeated) counts, and is
// written, once, in the first column it covers; the repeat only moves the next cell's column.
// Each sheet is read twice, a counting pass and a writing pass, so its rows need no buffering.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/formats/text_sink.hpp"

namespace galguard::extract::detail {

// The integer a numeric cell's value stands for, without leading zeros, when it is
// identity-like (above); nullopt otherwise.
std::optional<std::string> identity_like_integer(std::string_view value);

// The first pass over a sheet: per column, its numeric cells and how many are identity-like.
class NumericColumns {
 public:
  void count(std::uint64_t table, std::uint64_t column, std::string_view value);
  bool holds_identity_numbers(std::uint64_t table, std::uint64_t column) const;

 private:
  struct Key {
    std::uint64_t table;
    std::uint64_t column;
    bool operator==(const Key&) const = default;
  };
  struct Hash {
    std::size_t operator()(const Key& key) const;
  };
  struct Counts {
    std::uint64_t numeric = 0;
    std::uint64_t identity_like = 0;
  };
  std::unordered_map<Key, Counts, Hash> columns_;
};

// For a numeric cell of a column that holds identity numbers: appends to `tokens` the restored
// forms of its value, leaving out those equal to `shown` (the text written for the cell).
void restored_identity_numbers(std::string_view value, std::string_view shown,
                               std::vector<std::string>& tokens);

// One spreadsheet row as text, for both spreadsheet readers: cells tab-separated, the restored
// identity numbers after the row's own cells, a line per row. Empty cells write nothing, not
// even their tab: a row of thousands of formatted empty cells costs no text.
class RowWriter {
 public:
  explicit RowWriter(TextSink& sink) : sink_(sink) {}

  void cell(std::string_view text) {
    if (text.empty()) return;
    if (written_) sink_.append("\t");
    sink_.append(text);
    written_ = true;
  }
  void restore(std::string_view value, std::string_view shown) {
    restored_identity_numbers(value, shown, restored_);
  }
  void end() {
    for (const std::string& token : restored_)
      cell(token);
    reset();
    sink_.break_line();
  }
  // A new table or sheet: nothing of the last row carries over.
  void reset() {
    restored_.clear();
    written_ = false;
  }

 private:
  TextSink& sink_;
  bool written_ = false;
  std::vector<std::string> restored_;
};

}  // namespace galguard::extract::detail
