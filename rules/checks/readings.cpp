#include "rules/checks/readings.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <memory>

namespace galguard::rules::detail {
void add_other_readings(RecipientContext& c) {
  if (c.name.displayed.empty()) return;
  auto shown = std::make_unique<Recipient>(c.recipient);
  shown->display_name = c.name.displayed;
  NameForms forms = name_forms(shown->display_name);
  // The same words in another order still matter: protected-name patterns read in order.
  if (forms.normalized == c.name.normalized) return;
  c.readings.push_back(std::make_unique<const RecipientContext>(*shown, c.directory, c.policy,
                                                                c.flagged, std::move(forms)));
  c.displayed = std::move(shown);
}

void run_in_every_reading(CheckFn check, const RecipientContext& c, std::vector<Finding>& out) {
  const std::size_t before = out.size();
  check(c, out);
  for (const auto& reading : c.readings) {
    if (out.size() != before) break;
    check(*reading, out);
    if (&reading->recipient != c.displayed.get()) continue;
    for (std::size_t i = before; i < out.size(); ++i) {
      out[i].display_name = c.recipient.display_name;
      out[i].explanation += fmt::format(
          FMT_COMPILE(
              " The name is stored differently and shows as \"{}\" only because of right-to-left "
              "control characters in it."),
          c.displayed->display_name);
    }
  }
}

}  // namespace galguard::rules::detail
