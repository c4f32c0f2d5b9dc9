#include "gateway/review/password.hpp"

#include <sodium.h>

#include <stdexcept>

#include "rules/text/normalize.hpp"

namespace galguard::review {
namespace {

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

std::string hash_password(std::string_view password, HashCost cost) {
  ensure_sodium();
  const bool interactive = cost == HashCost::interactive;
  const unsigned long long ops =
      interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN;
  const std::size_t memory =
      interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, memory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("hashing the password failed: not enough memory for argon2id");
  }
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  // crypto_pwhash_str_verify wants a NUL-terminated string of at most STRBYTES.
  if (hash.size() >= crypto_pwhash_STRBYTES || !hash.starts_with("$argon2id$")) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string password_problem(std::string_view password) {
  if (password.size() < 12) return "a password needs at least 12 characters";
  if (password.size() > 1024) return "a password may have at most 1024 bytes";
  if (!rules::is_valid_utf8(password)) return "a password must be UTF-8 text";
  return {};
}

}  // namespace galguard::review
