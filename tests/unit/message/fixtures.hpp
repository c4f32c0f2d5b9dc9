// Shared by the message tests: reading .eml fixtures and building small messages inline.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace galguard::rules::testing {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open test fixture " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A reference message from samples/messages/.
inline std::string sample(std::string_view name) {
  return read_file(std::string(GALGUARD_SOURCE_DIR) + "/samples/messages/" + std::string(name));
}

// A fixture from tests/unit/message/data/.
inline std::string fixture(std::string_view name) {
  return read_file(std::string(GALGUARD_SOURCE_DIR) + "/tests/unit/message/data/" +
                   std::string(name));
}

// A minimal message around the given header lines (each ending in CRLF) and body.
inline std::string message_with(std::string_view headers, std::string_view body = "Hej.\r\n") {
  return "From: Anna Andersson <anna.andersson@stockholm.se>\r\n" + std::string(headers) +
         "Subject: test\r\nMessage-ID: <test@stockholm.se>\r\n\r\n" + std::string(body);
}

}  // namespace galguard::rules::testing
