// What every recipient check needs to know about one recipient, computed once per recipient.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/checks/finding.hpp"
#include "rules/message/message_view.hpp"
#include "rules/model/flagged_addresses.hpp"
#include "rules/model/snapshot.hpp"
#include "rules/policy/policy.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::detail {

struct RecipientContext {
  RecipientContext(const Recipient& r, const Snapshot& directory, const Policy& policy,
                   const FlaggedAddresses& flagged = no_flagged_addresses());
  // One reading of the name, already in its forms, without further readings (readings.cpp).
  RecipientContext(const Recipient& r, const Snapshot& directory, const Policy& policy,
                   const FlaggedAddresses& flagged, NameForms forms);

  const Recipient& recipient;
  const Snapshot& directory;
  const Policy& policy;
  const FlaggedAddresses& flagged;
  NameForms name;                         // all empty when the recipient has no display name
  std::string_view domain;                // of recipient.address_key
  std::span<const EntryIndex> same_name;  // entries whose name equals the display name
  // The address belongs to an entry whose name equals the display name.
  bool verified = false;
  // The other readings of the same display name that the name checks judge too (readings.hpp):
  // the order it is displayed in behind bidi controls. Empty for most names.
  std::vector<std::unique_ptr<const RecipientContext>> readings;
  std::unique_ptr<const Recipient> displayed;  // the recipient as displayed, for that reading

  // Entries whose name looks like this one: the same skeleton after case folding, or taken as
  // written ("lT-samordnare" meets "IT-samordnare" only there), each entry once. Empty (and no
  // allocation) for most names.
  std::vector<EntryIndex> alike() const;

  // A finding for this recipient with the check's code and severity filled in.
  Finding finding(std::string_view code, std::string explanation,
                  std::vector<std::string> expected = {}) const;
};

// The addresses of the given entries, each entry's primary first, without duplicates.
std::vector<std::string> addresses_of(const Snapshot& directory,
                                      std::span<const EntryIndex> entries);

}  // namespace galguard::rules::detail
