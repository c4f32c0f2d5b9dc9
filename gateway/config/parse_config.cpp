// parse_config: galguard.toml → Config, starting from the defaults. Sections are read in the
// order of sections(), so [release] sees the [relay] it defaults to. Every problem is an
// InputError at the key's line; unknown sections and keys are errors, never ignored.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "gateway/config/config.hpp"
#include "gateway/config/settings.hpp"
#include "gateway/config/toml_reader.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::config {
namespace {

// The keys a section may hold: its settings and its sub-sections ("tls" in [smtp]).
std::vector<std::string_view> known_keys(std::string_view section) {
  std::vector<std::string_view> keys;
  for (const Setting& s : settings())
    if (s.section == section) keys.push_back(s.key);
  for (const Section& s : sections()) {
    if (s.name.size() <= section.size() + 1 || !s.name.starts_with(section) ||
        s.name[section.size()] != '.')
      continue;
    const std::string_view child = s.name.substr(section.size() + 1);
    if (child.find('.') == std::string_view::npos) keys.push_back(child);
  }
  return keys;
}

void check_top_level(const Reader& r, const toml::table& doc) {
  std::vector<std::string_view> roots;
  for (const Section& s : sections())
    if (s.name.find('.') == std::string_view::npos) roots.push_back(s.name);
  for (auto&& [key, value] : doc) {
    if (std::find(roots.begin(), roots.end(), key.str()) != roots.end()) continue;
    // A setting written above any section header ("listen = ..." before [smtp]).
    std::string home;
    for (const Setting& s : settings())
      if (s.key == key.str()) home += fmt::format("{}[{}]", home.empty() ? "" : " or ", s.section);
    std::vector<std::string> names;
    for (std::string_view root : roots)
      names.push_back(fmt::format("[{}]", root));
    r.fail(key.source(),
           fmt::format("unknown {} {}{}{}; known sections: {}",
                       value.is_table() ? "section" : "top-level key", toml_string(key.str()),
                       rules::did_you_mean(key.str(), roots),
                       home.empty() ? "" : fmt::format(" (\"{}\" belongs in {})", key.str(), home),
                       fmt::join(names, ", ")));
  }
}

// The section's table in the document, by its dotted name; parents were checked before.
const toml::node* find_section(const toml::table& doc, std::string_view name) {
  const toml::table* table = &doc;
  const toml::node* node = nullptr;
  while (true) {
    const std::size_t dot = name.find('.');
    node = table->get(name.substr(0, dot));
    if (node == nullptr || dot == std::string_view::npos) return node;
    table = node->as_table();
    if (table == nullptr) return nullptr;
    name.remove_prefix(dot + 1);
  }
}

void remember_place(const Reader& r, const std::string& setting, const toml::node& value,
                    Config& config) {
  config.places[setting] = r.place(value.source());
  if (const auto* array = value.as_array()) {
    std::size_t index = 0;
    for (const toml::node& item : *array)
      config.places[fmt::format("{}[{}]", setting, index++)] = r.place(item.source());
  } else {
    config.places[setting + "[0]"] = r.place(value.source());  // a one-item list as a string
  }
}

}  // namespace

Config parse_config(std::string_view text, const std::string& file) {
  const Reader r(file);
  toml::table doc;
  try {
    doc = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    r.fail(e.source(), std::string(e.description()));
  }
  check_top_level(r, doc);

  Config config = default_config();
  config.file = file;
  for (const Section& section : sections()) {
    const std::string title = fmt::format("[{}]", section.name);
    const toml::node* node = find_section(doc, section.name);
    const toml::table* table = node != nullptr ? &r.table(*node, title) : nullptr;
    if (section.prepare != nullptr) section.prepare(config, table != nullptr);
    if (table == nullptr) continue;
    r.check_keys(*table, known_keys(section.name), title);
    for (const Setting& setting : settings()) {
      if (setting.section != section.name) continue;
      const toml::node* value = table->get(setting.key);
      if (value == nullptr) continue;
      setting.read(r, *value, config);
      remember_place(r, fmt::format("{}.{}", setting.section, setting.key), *value, config);
    }
    if (section.finish != nullptr) section.finish(r, *table, config);
  }
  // Across sections: a gateway that listens nowhere takes no mail.
  if (config.listen.empty() && config.milter.listen.empty())
    throw rules::InputError(place_of(config, "smtp.listen"),
                            "[smtp] listen = []: the gateway would take no mail; list an SMTP "
                            "endpoint here or a milter endpoint in [milter] listen");
  return config;
}

Config load_config(const std::optional<std::string>& path) {
  if (!path) return default_config();
  std::ifstream in(*path, std::ios::binary);
  if (!in) throw rules::InputError(*path, fmt::format("cannot open: {}", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw rules::InputError(*path, "cannot read");
  return parse_config(text.str(), *path);
}

}  // namespace galguard::config
