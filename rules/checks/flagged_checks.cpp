// The address of an entry the directory audit flags: whatever name the message shows (or none,
// as when a client sends only the address picked from the address book), the mail goes to
// the mailbox the audit warned about.
#include <fmt/compile.h>
#include <fmt/format.h>

#include "rules/checks/check_table.hpp"

namespace galguard::rules::detail {

void check_flagged_entry_address(const RecipientContext& c, std::vector<Finding>& out) {
  const FlaggedEntry* flag = c.flagged.find(c.recipient.address_key);
  if (flag == nullptr) return;
  const Entry& entry = c.directory.entry(flag->entry);
  std::string explanation = fmt::format(
      FMT_COMPILE(
          "{} belongs to the address-book entry \"{}\", which the directory audit flags ({}): {}"),
      c.recipient.address, entry.display_name, flag->code, flag->reason);
  out.push_back(c.finding("flagged-entry-address", std::move(explanation),
                          std::vector<std::string>(c.directory.addresses(flag->entry))));
}

}  // namespace galguard::rules::detail
