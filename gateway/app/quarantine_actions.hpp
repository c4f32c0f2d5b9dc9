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

namespace galguard::app::quarantine_cli {

int run_list(const std::vector<std::string>& args);
int run_show(const std::vector<std::string>& args);
int run_release(const std::vector<std::string>& args);
int run_delete(const std::vector<std::string>& args);
int run_verify(const std::vector<std::string>& args);

// --config FILE, the same for every action.
void add_config_option(po::options_description& options);
config::Config load_config(const po::variables_map& vars);

// The configured store. A missing database file is an error, not a new empty store: a typo
// in --config must not look like an empty quarantine.
std::unique_ptr<quarantine::QuarantineStore> open_store(const config::Config& config);
// Throws "no held message with id X".
quarantine::HeldMessage require_message(quarantine::QuarantineStore& store, const std::string& id);

// --actor, else $SUDO_USER (the person behind sudo), else the login name of the uid.
void add_actor_option(po::options_description& options);
std::string actor(const po::variables_map& vars);
// --reason, cleaned (clean_text) and checked: not empty, valid UTF-8, at most kMaxReasonBytes.
std::string reason(const po::variables_map& vars);
inline constexpr std::size_t kMaxReasonBytes = 900;

using quarantine::unix_now;
// 2025-11-25T14:03:00Z
std::string iso_time(std::int64_t unix_seconds);

// Control characters (CR, LF, TAB, ESC, ...) become spaces, runs of spaces one, no space at
// either end: what a person typed, safe for a header and a one-line log row.
std::string clean_text(std::string_view text);
// For the terminal: text from mail (addresses, names, explanations) with its control
// characters shown as \xNN, so a crafted name cannot move the cursor or rewrite the screen.
std::string printable(std::string_view text);
bool valid_utf8(std::string_view text);

// The trace field prepended to a released message, CRLF-terminated and folded to lines of at
// most 78 characters where words allow; a non-ASCII actor or reason is RFC 2047 encoded
// (UTF-8, B). actor and reason must already be clean_text()ed.
std::string release_trace_field(const quarantine::HeldMessage& message, std::string_view actor,
                                std::int64_t released_at, std::string_view reason);

}  // namespace galguard::app::quarantine_cli
