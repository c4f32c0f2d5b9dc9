// Passwords of the review UI's local accounts: libsodium's argon2id (crypto_pwhash_str), a
// self-describing string with salt and cost, so stored hashes keep verifying when the cost
// is raised later.
#pragma once

#include <string>
#include <string_view>

namespace galguard::review {

enum class HashCost {
  interactive,  // libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE: what accounts get
  minimum,      // the smallest argon2id allows: for tests only
};

// Throws std::runtime_error when libsodium cannot allocate the memory the cost asks for.
std::string hash_password(std::string_view password, HashCost cost = HashCost::interactive);
// False for a wrong password and for anything that is not an argon2id hash string.
bool verify_password(std::string_view hash, std::string_view password);

// The rules for a new password: at least 12 bytes, at most 1024, valid UTF-8. Returns what is
// wrong, empty when acceptable.
std::string password_problem(std::string_view password);

}  // namespace galguard::review
