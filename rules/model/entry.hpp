// One recipient in the directory (GAL), as any source delivers it. DESIGN.md §5.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galguard::rules {

enum class EntryKind { user, contact, group, shared, room, other };

std::string_view to_string(EntryKind kind);

struct Entry {
  std::string id;  // stable: objectGUID, Graph id, Guid column; the DN when nothing better
  EntryKind kind = EntryKind::other;
  std::string display_name;
  std::string primary;               // the displayed address (mail / PrimarySmtpAddress)
  std::vector<std::string> proxies;  // SMTP proxy addresses without the "smtp:" prefix
  std::string target;                // targetAddress / ExternalEmailAddress, without "SMTP:"
  bool hidden = false;               // msExchHideFromAddressLists / HiddenFromAddressListsEnabled
  std::vector<std::string> address_lists;  // showInAddressBook DNs, where the source has them
  std::string source;      // where it was read: "gal.ldif:42", "users.json:/value/3"
  std::string tenant;      // Entra tenant, where the source knows it
  std::string changed_at;  // ISO 8601 UTC ("2021-03-22T16:05:00Z") or ""
};

}  // namespace galguard::rules
