// The append-only action log is a hash chain, so an edited or deleted row shows: each row's hash
// covers the previous hash and the row itself. Shared by every backend so they agree byte for byte.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "gateway/quarantine/store.hpp"

namespace galguard::quarantine {

// The prev_hash of the first row.
inline constexpr std::string_view genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Length-prefixed fields, so "ab"+"c" and "a"+"bc" cannot hash alike.
std::string canonical_row(const ActionLogEntry& e);
// Hex SHA-256 over prev_hash + canonical_row(e).
std::string chain_hash(std::string_view prev_hash, const ActionLogEntry& e);
// Fills prev_hash and hash of a new row that follows prev_hash.
void seal(ActionLogEntry& e, std::string_view prev_hash);
// Recomputes every hash and link, in seq order; reports the first row that does not fit.
ChainCheck verify(std::span<const ActionLogEntry> log);

}  // namespace galguard::quarantine
