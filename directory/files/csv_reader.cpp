#include "directory/files/csv_reader.hpp"

namespace galguard::directory::files {

bool CsvReader::ends_line(std::size_t stop) const {
  return stop >= text_.size() || text_[stop] == '\n';
}

void CsvReader::end_of_line() {
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  ++line_;
}

// At the opening quote. Reads up to and past the closing one.
void CsvReader::read_quoted(CsvRecord& record, std::string& field) {
  ++pos_;
  for (;;) {
    const auto quote = text_.find('"', pos_);
    const std::string_view chunk =
        text_.substr(pos_, quote == std::string_view::npos ? std::string_view::npos : quote - pos_);
    for (char c : chunk)
      if (c == '\n') ++line_;
    field.append(chunk);
    if (quote == std::string_view::npos) {
      pos_ = text_.size();
      record.error = "quoted field not closed before the end of the file";
      return;
    }
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {  // "" is one quote
      field += '"';
      ++pos_;
      continue;
    }
    return;
  }
}

bool CsvReader::next(CsvRecord& record) {
  while (pos_ < text_.size() &&
         (text_[pos_] == '\n' || (text_[pos_] == '\r' && ends_line(pos_ + 1))))
    end_of_line();
  if (pos_ >= text_.size()) return false;

  record.line = line_;
  record.fields.clear();
  record.error.clear();
  for (;;) {
    std::string field;
    if (text_[pos_] == '"') {
      read_quoted(record, field);
      // Anything between the closing quote and the delimiter is malformed; keep it, flag it.
      const auto stop = text_.find_first_of(std::string{delimiter_, '\n'}, pos_);
      std::string_view tail =
          text_.substr(pos_, stop == std::string_view::npos ? stop : stop - pos_);
      if (tail.ends_with('\r') && ends_line(stop)) tail.remove_suffix(1);
      if (!tail.empty()) {
        if (record.error.empty()) record.error = "text after the closing quote of a field";
        field.append(tail);
      }
      pos_ += tail.size();
    } else {
      const auto stop = text_.find_first_of(std::string{delimiter_, '\n'}, pos_);
      std::string_view raw =
          text_.substr(pos_, stop == std::string_view::npos ? stop : stop - pos_);
      pos_ += raw.size();
      if (raw.ends_with('\r') && ends_line(stop)) raw.remove_suffix(1);
      field.assign(raw);
    }
    record.fields.push_back(std::move(field));
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      if (pos_ < text_.size()) continue;
      record.fields.emplace_back();  // a delimiter at the very end: one more, empty field
    }
    end_of_line();
    return true;
  }
}

char detect_delimiter(std::string_view text) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

}  // namespace galguard::directory::files
