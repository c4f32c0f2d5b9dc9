// Where a format reader writes the text it finds, in reading order: bounded by the bytes left
// of the message's text limit. Past it, append() throws LimitReached("text"), so a reader stops
// where it is and what it wrote still counts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "extract/extract_error.hpp"

namespace galguard::extract {

class TextSink {
 public:
  explicit TextSink(std::size_t max_bytes) : left_(max_bytes) {}

  void append(std::string_view text);
  // A line or paragraph break, collapsed so that "a\n\n\n" does not spend the limit on breaks.
  void break_line();

  const std::string& text() const { return text_; }
  std::string take() { return std::move(text_); }

 private:
  std::string text_;
  std::size_t left_;
};

}  // namespace galguard::extract
