// Small wording helpers for explanations: one sentence a sender understands.
#pragma once

#include <string>
#include <vector>

namespace galguard::rules::detail {

// "a", "a or b", "a, b or c"; at most `limit` items, then "or N more".
std::string or_list(const std::vector<std::string>& items, std::size_t limit = 3);

}  // namespace galguard::rules::detail
