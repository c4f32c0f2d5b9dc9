// galguard quarantine list|show|release|delete|verify: the DPO's decisions from the command
// line (DESIGN.md §6, §7). One file per action; this header is what they share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/app/options.hpp"
#include "gateway/config/config.hpp"
#include "gateway/quarantine/store.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "gateway/review/typed_text.hpp"

namespace galguard::app::quarantine_cli {

int run_list(const std::vector<std::string>& args);
int run_show(const std::vector<std::string>& args);
int run_release(const std::vector<std::string>& args);
int run_delete(const std::vector<std::string>& args);
int run_classify(const std::vector<std::string>& args);
int run_not_incident(const std::vector<std::string>& args);
int run_verify(const std::vector<std::string>& args);

// --config FILE, the same for every action.
void add_config_option(po::options_description& options);
config::Config load_config(const po::variables_map& vars);

// The configured store. A missing database file is an error, not a new empty store: a typo
// in --config must not look like an empty quarantine. Only setting up (the first account)
// creates it.
enum class Missing { refused, create };
std::unique_ptr<quarantine::QuarantineStore> open_store(const config::Config& config,
                                                        Missing missing = Missing::refused);
// Throws "no held message with id X".
quarantine::HeldMessage require_message(quarantine::QuarantineStore& store, const std::string& id);

// --actor, else $SUDO_USER (the person behind sudo), else the login name of the uid.
void add_actor_option(po::options_description& options);
std::string actor(const po::variables_map& vars);
// --reason through review::clean_reason: not empty, valid UTF-8, at most 900 bytes.
std::string reason(const po::variables_map& vars);

using quarantine::iso_time;
using quarantine::unix_now;

using review::clean_text;
// For the terminal: text from mail (addresses, names, explanations) with its control
// characters shown as \xNN, so a crafted name cannot move the cursor or rewrite the screen.
std::string printable(std::string_view text);

}  // namespace galguard::app::quarantine_cli
