// What every recipient check needs to know about one recipient, computed once per recipient.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/checks/finding.hpp"
#include "rules/message/message_view.hpp"
#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::detail {

struct RecipientContext {
  RecipientContext(const Recipient& r, const Snapshot& directory, const Policy& policy);

  const Recipient& recipient;
  const Snapshot& directory;
  const Policy& policy;
  NameForms name;                         // all empty when the recipient has no display name
  std::string_view domain;                // of recipient.address_key
  std::span<const EntryIndex> same_name;  // entries whose name equals the display name
  // The address belongs to an entry whose name equals the display name.
  bool verified = false;

  // A finding for this recipient with the check's code and severity filled in.
  Finding finding(std::string_view code, std::string explanation,
                  std::vector<std::string> expected = {}) const;
};

// The addresses of the given entries, each entry's primary first, without duplicates.
std::vector<std::string> addresses_of(const Snapshot& directory,
                                      std::span<const EntryIndex> entries);

}  // namespace galguard::rules::detail
