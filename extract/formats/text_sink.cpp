#include "extract/formats/text_sink.hpp"

namespace galguard::extract {

void TextSink::append(std::string_view text) {
  if (text.size() <= left_) {
    text_.append(text);
    left_ -= text.size();
    return;
  }
  std::size_t cut = left_;
  // Cut at a UTF-8 character boundary.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  text_.append(text.substr(0, cut));
  left_ = 0;
  throw LimitReached("text");
}

void TextSink::break_line() {
  if (text_.empty() || text_.back() == '\n') return;
  append("\n");
}

}  // namespace galguard::extract
