// What every quarantine action shares: the config and store, who is acting and why, the clock
// and the text rules for what people type and what mail contains.
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "gateway/app/quarantine_actions.hpp"
#include "gateway/quarantine/open_store.hpp"
#include "gateway/review/decisions.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::app::quarantine_cli {
namespace {

// Length of the UTF-8 sequence at text[i] and its code point; nullopt for a byte that does not
// start a well-formed sequence (overlong forms, surrogates and values above U+10FFFF included).
struct CodePoint {
  std::size_t length;
  char32_t value;
};

std::optional<CodePoint> decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return CodePoint{1, lead};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (i + length > text.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return std::nullopt;
  return CodePoint{length, value};
}

std::string escaped(std::string_view bytes) {
  std::string out;
  for (const char c : bytes)
    out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
  return out;
}

}  // namespace

void add_config_option(po::options_description& options) {
  options.add_options()("config,c", po::value<std::string>(),
                        "the gateway config (TOML); default: the embedded defaults, quarantine "
                        "database var/quarantine.db");
}

config::Config load_config(const po::variables_map& vars) {
  std::optional<std::string> path;
  if (vars.count("config") != 0U) path = vars["config"].as<std::string>();
  return config::load_config(path);
}

std::unique_ptr<quarantine::QuarantineStore> open_store(const config::Config& config,
                                                        Missing missing) {
  std::error_code ec;
  if (quarantine::is_database_url(config.database)) {
    // A server: nothing to create here, and connecting says whether it is there.
  } else if (missing == Missing::create) {
    const std::filesystem::path parent = std::filesystem::path(config.database).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  } else if (!std::filesystem::exists(config.database, ec)) {
    throw rules::InputError(
        config.database,
        fmt::format("no quarantine database here (set by {}); `galguard serve` creates it when "
                    "it starts",
                    config::place_of(config, "quarantine.database")));
  }
  return quarantine::open_quarantine(config.database);
}

quarantine::HeldMessage require_message(quarantine::QuarantineStore& store, const std::string& id) {
  std::optional<quarantine::HeldMessage> message = store.get(id);
  if (!message) throw std::runtime_error(fmt::format("no held message with id {}", printable(id)));
  return std::move(*message);
}

void add_actor_option(po::options_description& options) {
  options.add_options()("actor", po::value<std::string>(),
                        "who decides, for the action log; default: $SUDO_USER, else the login "
                        "name of the user running galguard");
}

std::string actor(const po::variables_map& vars) {
  std::string name;
  if (vars.count("actor") != 0U) {
    name = clean_text(vars["actor"].as<std::string>());
    if (name.empty()) throw std::runtime_error("--actor is empty");
    if (!rules::is_valid_utf8(name)) throw std::runtime_error("--actor is not valid UTF-8");
    return name;
  }
  if (const char* sudo_user = std::getenv("SUDO_USER"); sudo_user != nullptr)
    name = clean_text(sudo_user);
  if (name.empty()) {
    if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_name != nullptr)
      name = clean_text(pw->pw_name);
  }
  if (name.empty() || !rules::is_valid_utf8(name)) name = fmt::format("uid {}", getuid());
  return name;
}

std::string reason(const po::variables_map& vars) {
  try {
    return review::clean_reason(vars["reason"].as<std::string>());
  } catch (const review::DecisionError& e) {
    // "the reason is empty; ..." speaks of the option here.
    std::string what = e.what();
    if (what.starts_with("the reason")) what.replace(0, 10, "--reason");
    throw std::runtime_error(what);
  }
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::optional<CodePoint> cp = decode(text, i);
    if (!cp) {  // a stray byte: a Latin-1 terminal would read 0x9B as CSI
      out += escaped(text.substr(i, 1));
      ++i;
      continue;
    }
    const bool control = cp->value < 0x20 || (cp->value >= 0x7F && cp->value < 0xA0);
    if (control)
      out += escaped(text.substr(i, cp->length));
    else
      out.append(text.substr(i, cp->length));
    i += cp->length;
  }
  return out;
}

}  // namespace galguard::app::quarantine_cli
