#include "rules/message/text_budget.hpp"

namespace galguard::rules {

bool TextBudget::add(std::vector<TextBlock>& out, std::string_view place, std::string text,
                     int attachment) {
  if (text.empty()) return true;
  const bool whole = text.size() <= left_;
  if (!whole) {
    std::size_t cut = left_;
    // Back up over UTF-8 continuation bytes so the block stays valid UTF-8.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;
    text.resize(cut);
    left_ = 0;
  } else {
    left_ -= text.size();
  }
  if (!text.empty()) out.push_back(TextBlock{std::string(place), std::move(text), attachment});
  return whole;
}

}  // namespace galguard::rules
