// The cap on the text handed to the detectors: a hostile message must not make them scan
// gigabytes. Blocks are kept whole until the budget runs out; the last one is cut at a
// character boundary.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rules/message/message_view.hpp"

namespace galguard::rules {

class TextBudget {
 public:
  explicit TextBudget(std::size_t max_bytes) : left_(max_bytes) {}

  bool exhausted() const { return left_ == 0; }

  // Appends {place, text, attachment} to out when text is not empty and budget is left; false
  // when some of the text was left out.
  bool add(std::vector<TextBlock>& out, std::string_view place, std::string text,
           int attachment = -1);

 private:
  std::size_t left_;
};

}  // namespace galguard::rules
