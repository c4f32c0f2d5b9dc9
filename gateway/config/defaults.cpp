// The embedded defaults: the values in config.hpp's struct, plus what is only known at run time.
#include <unistd.h>

#include <array>

#include "gateway/config/config.hpp"

namespace galguard::config {

std::string machine_hostname() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "localhost";
  return name.data();
}

Config default_config() {
  Config config;
  config.hostname = machine_hostname();
  config.release = config.relay;
  // serve keeps its Graph source open: after the first round each refresh fetches changes only.
  config.graph.delta = true;
  return config;
}

std::string place_of(const Config& config, std::string_view setting) {
  if (const auto it = config.places.find(setting); it != config.places.end()) return it->second;
  return config.file.empty() ? "embedded defaults" : config.file;
}

}  // namespace galguard::config
