// The addresses of directory entries that the audit flags (a function name on a student
// mailbox, a look-alike of a colleague): mail to them is held whatever name the message shows,
// because some clients send only the address of the entry a user picked from the address book.
// Built by the gateway after each directory load (directory/audit/flagged.hpp); read-only after.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rules/model/snapshot.hpp"

namespace galguard::rules {

struct FlaggedEntry {
  EntryIndex entry = 0;
  std::string code;    // the audit's code: "entry-role-name-foreign-address", ...
  std::string reason;  // the audit's explanation, one sentence
};

class FlaggedAddresses {
 public:
  // Every address of `entry` (as the snapshot normalised them) leads to `flag`; the first flag
  // for an address wins, so the audit's order decides which reason is shown.
  void flag(std::span<const std::string> addresses, const FlaggedEntry& flag);
  // The flag of a normalised address, or null.
  const FlaggedEntry* find(std::string_view normalized_address) const;
  std::size_t size() const { return by_address_.size(); }
  bool empty() const { return by_address_.empty(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, FlaggedEntry, Hash, std::equal_to<>> by_address_;
};

// Nothing flagged: what a message is judged with when no audit ran (tests, `check` of old data).
const FlaggedAddresses& no_flagged_addresses();

}  // namespace galguard::rules
