#include "directory/secret.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "rules/text/input_error.hpp"

namespace galguard::directory {

std::string read_secret(const std::string& file, const std::string& env, const std::string& place,
                        const std::string& what) {
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
      throw rules::InputError(place,
                              "cannot read " + what + " " + file + ": " + std::strerror(errno));
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
      text.pop_back();
    if (text.empty()) throw rules::InputError(place, what + " " + file + " is empty");
    return text;
  }
  const char* value = env.empty() ? nullptr : std::getenv(env.c_str());
  return value != nullptr ? std::string(value) : std::string();
}

}  // namespace galguard::directory
