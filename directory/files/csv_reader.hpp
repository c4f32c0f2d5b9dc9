// RFC 4180 records: quoted fields with "" escapes and line breaks inside quotes, CRLF or LF.
// Knows CSV syntax, nothing about recipients.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galguard::directory::files {

struct CsvRecord {
  std::size_t line = 0;  // where the record starts
  std::vector<std::string> fields;
  std::string error;  // non-empty when the record is malformed (the fields are then a best guess)
};

class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter, std::size_t first_line)
      : text_(text), delimiter_(delimiter), line_(first_line) {}

  // The next record, skipping blank lines; false at the end of the text.
  bool next(CsvRecord& record);

 private:
  void read_quoted(CsvRecord& record, std::string& field);
  void end_of_line();
  bool ends_line(std::size_t stop) const;  // `stop` is the end of the text or a '\n'

  std::string_view text_;
  char delimiter_;
  std::size_t line_;
  std::size_t pos_ = 0;
};

// ',', ';' or tab: whichever occurs most often outside quotes in the first record (',' on a tie).
char detect_delimiter(std::string_view text);

}  // namespace galguard::directory::files
