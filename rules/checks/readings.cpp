#include "rules/checks/readings.hpp"

#include <fmt/format.h>

#include <memory>

namespace galguard::rules::detail {
namespace {

// The reading under the skeleton as written, when it differs from the folded one.
std::unique_ptr<const RecipientContext> cased_reading(const RecipientContext& c, const Recipient& r,
                                                      const NameForms& forms) {
  if (forms.key.empty() || forms.cased_skeleton_key == forms.skeleton_key) return nullptr;
  NameForms cased = forms;
  cased.skeleton = forms.cased_skeleton;
  cased.skeleton_key = forms.cased_skeleton_key;
  return std::make_unique<const RecipientContext>(r, c.directory, c.policy, c.flagged,
                                                  std::move(cased));
}

}  // namespace

void add_other_readings(RecipientContext& c) {
  if (auto cased = cased_reading(c, c.recipient, c.name)) c.readings.push_back(std::move(cased));
  if (c.name.displayed.empty()) return;
  auto shown = std::make_unique<Recipient>(c.recipient);
  shown->display_name = c.name.displayed;
  NameForms forms = name_forms(shown->display_name);
  // The same words in another order still matter: protected-name patterns read in order.
  if (forms.normalized == c.name.normalized) return;
  auto cased = cased_reading(c, *shown, forms);
  c.readings.push_back(std::make_unique<const RecipientContext>(*shown, c.directory, c.policy,
                                                                c.flagged, std::move(forms)));
  if (cased) c.readings.push_back(std::move(cased));
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
          " The name is stored differently and shows as \"{}\" only because of right-to-left "
          "control characters in it.",
          c.displayed->display_name);
    }
  }
}

}  // namespace galguard::rules::detail
