// to_toml: every setting's effective value, in the order and under the names parse_config
// reads, so the output is itself a valid config.
#include <fmt/format.h>

#include "gateway/config/config.hpp"
#include "gateway/config/settings.hpp"

namespace galguard::config {

std::string to_toml(const Config& config) {
  std::string out = fmt::format(
      "# galguard configuration: the effective value of every setting\n"
      "# read from: {}\n"
      "# relative paths are taken from the working directory\n",
      config.file.empty() ? "embedded defaults" : config.file);
  for (const Section& section : sections()) {
    if (section.written != nullptr && !section.written(config)) continue;
    out += fmt::format("\n[{}]\n", section.name);
    for (const Setting& setting : settings())
      if (setting.section == section.name)
        out += fmt::format("{} = {}\n", setting.key, setting.write(config));
  }
  return out;
}

}  // namespace galguard::config
