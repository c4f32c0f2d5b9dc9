#include "rules/checks/explain.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

namespace galguard::rules::detail {

std::string or_list(const std::vector<std::string>& items, std::size_t limit) {
  std::size_t shown = std::min(items.size(), limit);
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && shown == items.size()) ? " or " : ", ";
    out += items[i];
  }
  if (shown < items.size()) out += fmt::format(FMT_COMPILE(" or {} more"), items.size() - shown);
  return out;
}

}  // namespace galguard::rules::detail
