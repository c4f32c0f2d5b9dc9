// Checks of the characters of the display name itself.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "rules/checks/check_table.hpp"
#include "rules/text/invisible.hpp"

namespace galguard::rules::detail {
namespace {

// "U+202E, U+200B and 2 more": enough for the DPO to look the characters up.
std::string code_point_list(const std::vector<UChar32>& cps) {
  constexpr std::size_t kShown = 4;
  std::vector<UChar32> distinct;
  for (UChar32 c : cps)
    if (std::find(distinct.begin(), distinct.end(), c) == distinct.end()) distinct.push_back(c);
  std::string out;
  for (std::size_t i = 0; i < distinct.size() && i < kShown; ++i) {
    if (i > 0) out += i + 1 == distinct.size() ? " and " : ", ";
    out += fmt::format(FMT_COMPILE("U+{:04X}"), static_cast<std::uint32_t>(distinct[i]));
  }
  if (distinct.size() > kShown)
    out += fmt::format(FMT_COMPILE(" and {} more"), distinct.size() - kShown);
  return out;
}

}  // namespace

void check_name_hidden_characters(const RecipientContext& c, std::vector<Finding>& out) {
  const HiddenCharacters hidden = hidden_characters(c.recipient.display_name);
  if (hidden.empty()) return;
  const std::size_t n = hidden.code_points.size();
  const std::string what = fmt::format(
      FMT_COMPILE("{} {} that cannot be seen ({}){}"), n, n == 1 ? "character" : "characters",
      code_point_list(hidden.code_points),
      hidden.bidi_controls ? ", among them controls that change the order it is displayed in" : "");
  std::string explanation =
      c.name.normalized.empty()
          ? fmt::format(FMT_COMPILE("The name of {} is nothing but {}."), c.recipient.address, what)
          : fmt::format(FMT_COMPILE("The name \"{}\" of {} holds {}."), c.name.normalized,
                        c.recipient.address, what);
  if (!c.name.displayed.empty())
    explanation += fmt::format(FMT_COMPILE(" It is displayed as \"{}\"."), c.name.displayed);
  out.push_back(c.finding("name-hidden-characters", std::move(explanation)));
}

}  // namespace galguard::rules::detail
