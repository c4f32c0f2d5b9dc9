#include "gateway/app/inputs.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "directory/source.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::app {

std::string read_input(const std::string& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return std::move(buffer).str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw rules::InputError(path, fmt::format("cannot open: {}", std::strerror(errno)));
  buffer << in.rdbuf();
  if (in.bad()) throw rules::InputError(path, "cannot read");
  return std::move(buffer).str();
}

rules::Policy load_policy_file(const std::string& path) {
  return rules::parse_policy(read_input(path), path);
}

std::shared_ptr<const rules::Snapshot> load_directory(const std::vector<std::string>& specs) {
  directory::LoadResult loaded = directory::load_all(specs);
  constexpr std::size_t kShown = 10;
  for (std::size_t i = 0; i < loaded.diagnostics.size() && i < kShown; ++i)
    fmt::print(stderr, "galguard: warning: {}: {}\n", loaded.diagnostics[i].place,
               loaded.diagnostics[i].message);
  if (loaded.diagnostics.size() > kShown)
    fmt::print(stderr, "galguard: warning: {} more problems in the directory (not shown)\n",
               loaded.diagnostics.size() - kShown);
  return loaded.snapshot;
}

}  // namespace galguard::app
