#include "gateway/quarantine/message_id.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace galguard::quarantine {

std::string new_message_id() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, 8> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

}  // namespace galguard::quarantine
