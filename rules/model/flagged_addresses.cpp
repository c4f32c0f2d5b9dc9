#include "rules/model/flagged_addresses.hpp"

namespace galguard::rules {

void FlaggedAddresses::flag(std::span<const std::string> addresses, const FlaggedEntry& flag) {
  for (const auto& address : addresses)
    if (!address.empty()) by_address_.try_emplace(address, flag);
}

const FlaggedEntry* FlaggedAddresses::find(std::string_view normalized_address) const {
  const auto it = by_address_.find(normalized_address);
  return it == by_address_.end() ? nullptr : &it->second;
}

const FlaggedAddresses& no_flagged_addresses() {
  static const FlaggedAddresses none;
  return none;
}

}  // namespace galguard::rules
