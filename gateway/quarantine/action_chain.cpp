#include "gateway/quarantine/action_chain.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace galguard::quarantine {
namespace {

void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ',';
}

}  // namespace

std::string canonical_row(const ActionLogEntry& e) {
  std::string out;
  field(out, std::to_string(e.seq));
  field(out, std::to_string(e.at));
  field(out, e.actor);
  field(out, e.action);
  field(out, e.message_id);
  field(out, e.reason);
  return out;
}

std::string chain_hash(std::string_view prev_hash, const ActionLogEntry& e) {
  // sodium_init is idempotent and thread-safe; crypto_hash_sha256 does not strictly need it,
  // but calling it keeps the library's documented contract.
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  const std::string row = canonical_row(e);
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(prev_hash.data()),
                            prev_hash.size());
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(row.data()), row.size());
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&st, digest.data());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();  // the terminating NUL
  return hex;
}

void seal(ActionLogEntry& e, std::string_view prev_hash) {
  e.prev_hash = std::string(prev_hash);
  e.hash = chain_hash(prev_hash, e);
}

ChainCheck verify(std::span<const ActionLogEntry> log) {
  std::string_view prev = genesis_hash;
  std::int64_t expected_seq = 1;  // rows are numbered from 1; a missing first row shows too
  for (const ActionLogEntry& e : log) {
    // A gap in seq means a row was deleted; a broken link means rows were reordered or replaced.
    if (e.seq != expected_seq || e.prev_hash != prev || e.hash != chain_hash(prev, e)) {
      return {false, e.seq};
    }
    prev = e.hash;
    ++expected_seq;
  }
  return {};
}

}  // namespace galguard::quarantine
