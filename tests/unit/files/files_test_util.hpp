// Helpers shared by the directory file parser tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "directory/source.hpp"

namespace galguard::directory::testing {

inline std::string sample_path(const std::string& name) {
  return std::string(GALGUARD_SOURCE_DIR) + "/samples/" + name;
}

inline std::string read_sample(const std::string& name) {
  std::ifstream in(sample_path(name), std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << sample_path(name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The entries whose display name is `name`, in input order.
inline std::vector<const rules::Entry*> named(const ParsedEntries& parsed,
                                              const std::string& name) {
  std::vector<const rules::Entry*> out;
  for (const auto& e : parsed.entries)
    if (e.display_name == name) out.push_back(&e);
  return out;
}

// The single entry named `name`; fails the test (and returns an empty entry) otherwise.
inline const rules::Entry& only(const ParsedEntries& parsed, const std::string& name) {
  static const rules::Entry none;
  auto found = named(parsed, name);
  EXPECT_EQ(found.size(), 1u) << "entries named \"" << name << "\"";
  return found.size() == 1 ? *found.front() : none;
}

inline std::string diagnostics_text(const ParsedEntries& parsed) {
  std::string out;
  for (const auto& d : parsed.diagnostics)
    out += d.place + ": " + d.message + "\n";
  return out;
}

}  // namespace galguard::directory::testing
