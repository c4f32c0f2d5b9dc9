#include "gateway/smtp/line_reader.hpp"

namespace galguard::smtp {

void LineReader::feed(std::string_view bytes) {
  // Compact once the consumed part dominates, so the buffer does not grow with the session.
  if (begin_ > 0 && begin_ >= buffer_.size() / 2) {
    buffer_.erase(0, begin_);
    scan_ -= begin_;
    begin_ = 0;
  }
  buffer_.append(bytes);
}

std::optional<std::string_view> LineReader::next() {
  const std::size_t lf = buffer_.find('\n', scan_);
  if (lf == std::string::npos) {
    if (skipping_) {
      // The head is kept already; the rest of an overlong line is dropped as it arrives.
      buffer_.resize(begin_);
      scan_ = begin_;
      return std::nullopt;
    }
    scan_ = buffer_.size();
    if (buffer_.size() - begin_ > keep_) {
      overlong_.assign(buffer_, begin_, keep_);
      skipping_ = true;
      buffer_.resize(begin_);
      scan_ = begin_;
    }
    return std::nullopt;
  }
  std::string_view line(buffer_.data() + begin_, lf - begin_);
  begin_ = scan_ = lf + 1;
  if (skipping_) {
    skipping_ = false;
    // overlong_ stays alive until the next call, like buffer_.
    return std::string_view(overlong_);
  }
  overlong_.clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

void LineReader::discard_buffered() {
  buffer_.clear();
  overlong_.clear();
  begin_ = scan_ = 0;
  skipping_ = false;
}

}  // namespace galguard::smtp
