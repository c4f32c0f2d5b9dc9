// Every key of galguard.toml declared once: its section, name, how it is read (type and
// bounds) and how it is written back. parse_config, to_toml and the "known keys" of an error
// message all come from this table (Postfix's VAR_/DEF_/var_ triples in one place).
#pragma once

#include <toml++/toml.h>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "gateway/config/config.hpp"
#include "gateway/config/toml_reader.hpp"

namespace galguard::config {

struct Setting {
  std::string_view section;  // "smtp", "smtp.tls", ...
  std::string_view key;
  std::function<void(const Reader&, const toml::node&, Config&)> read;
  std::function<std::string(const Config&)> write;  // the TOML value, right of "key = "
};

struct Section {
  std::string_view name;
  // Before the section is read, present in the file or not: defaults taken from other settings.
  void (*prepare)(Config&, bool present) = nullptr;
  // After it was read, when present: checks across keys.
  void (*finish)(const Reader&, const toml::table&, const Config&) = nullptr;
  // to_toml writes the section only when this holds (nullptr: always).
  bool (*written)(const Config&) = nullptr;
};

// In file order; a section comes before its sub-sections ("smtp" before "smtp.tls").
std::span<const Section> sections();
std::span<const Setting> settings();

}  // namespace galguard::config
