// galguard's one TOML config (DESIGN.md §8), for `serve`, `quarantine` and `config check`.
// With no file every value has an embedded default that runs the sample setup from the project
// root: samples directory and policy, SQLite quarantine in var/, listen 127.0.0.1:10025, relay
// 127.0.0.1:10026. Relative paths are taken from the working directory, as Postfix's are not:
// say so in samples/galguard.toml.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directory/graph/graph_options.hpp"
#include "directory/ldap/ldap_options.hpp"
#include "extract/limits.hpp"
#include "gateway/net/endpoint.hpp"
#include "gateway/quarantine/incident.hpp"
#include "gateway/relay/client.hpp"
#include "gateway/smtp/session.hpp"

namespace galguard::config {

// after_queue: Postfix content_filter; a held message is acknowledged with 250 once stored.
// before_queue: smtpd_proxy_filter; a held message is stored, then refused with 550 5.7.1 so
// the sender learns at once.
enum class Mode { after_queue, before_queue };

struct Tls {
  std::string certificate;  // PEM chain
  std::string key;          // PEM private key
};

struct ServerTimeouts {
  // RFC 5321 §4.5.3.2.7: the server waits at least 5 minutes for the next command.
  std::chrono::milliseconds command{300'000};
  // §4.5.3.2.5-ish on the server side: one data block (read) may take 3 minutes.
  std::chrono::milliseconds data_block{180'000};
  // SIGTERM: how long in-flight sessions may take before they are cut.
  std::chrono::milliseconds shutdown_grace{30'000};
};

// [review] the DPO's web UI (DESIGN.md §6), served by `serve` on its own listener.
struct ReviewSettings {
  bool enabled = true;
  std::vector<net::Endpoint> listen{{"127.0.0.1", 8025}};
  // A reverse proxy that authenticated the user names them in user_header; believed only from
  // these addresses (and only when user_header is set). The name must be a local account.
  std::vector<std::string> trusted_proxies;
  std::string user_header;
  // Who may read /metrics without logging in: addresses or CIDR ranges of the TCP peer
  // (Prometheus does not log in). Empty = no /metrics at all.
  std::vector<std::string> metrics_from{"127.0.0.1", "::1"};
  // Secure on the session cookie; a trusted proxy's "X-Forwarded-Proto: https" sets it too.
  bool secure_cookies = false;
  std::chrono::milliseconds session_idle{30 * 60'000};
  std::chrono::milliseconds session_max{12 * 3600'000};
  // Lock-out: this many failed logins of one name in a row lock it for `lockout`.
  int max_login_failures = 5;
  std::chrono::milliseconds lockout{15 * 60'000};
  // Four-eyes release: a held message with special-category data or more than
  // four_eyes_identity_numbers identity numbers needs a second DPO's approval.
  bool four_eyes = false;
  int four_eyes_identity_numbers = 10;
};

// [milter] galguard as a milter (Postfix smtpd_milters), beside the SMTP listener or instead.
struct MilterSettings {
  std::vector<net::Endpoint> listen;  // empty = no milter listener
  // A held message is refused with 550 5.7.1 and the reason (the sender learns at once), or
  // discarded: the MTA accepts it and drops it, the sender believes it went.
  enum class OnHold { reject, discard };
  OnHold on_hold = OnHold::reject;
  // Accepted mail gets "X-Galguard-Verdict: pass (galguard HOSTNAME)".
  bool verdict_header = true;
  // Longest silence between two packets. Postfix keeps the milter connection open for the whole
  // SMTP session and its smtpd waits 300 s (smtpd_timeout) for a client: wait longer.
  std::chrono::milliseconds timeout{360'000};
};

struct Config {
  std::string file;  // where it was read from; empty = embedded defaults

  // [directory]
  std::vector<std::string> directory_sources{"samples/gal.ldif"};
  std::string policy_file = "samples/policy.toml";
  // How often to look at the source files' mtime; 0 = reload on SIGHUP only.
  std::chrono::milliseconds reload_interval{2'000};
  // Server sources (ldap://, graph://) are read again this often; 0 = at start and on SIGHUP.
  std::chrono::milliseconds refresh_interval{15 * 60'000};
  // Copy of the last directory that loaded (the files, or the entries a server gave as LDIF),
  // used when the source is down at start.
  std::string saved_snapshot = "var/directory-snapshot";
  bool fail_open = false;
  // [directory.ldap], [directory.graph]: how ldap:// and graph:// sources are read.
  directory::LdapOptions ldap;
  directory::GraphOptions graph;

  // [audit] serve audits the directory this often (0 = never) and keeps each report, with drift
  // against the one before, in `audit_reports`.
  std::chrono::milliseconds audit_interval{0};
  std::string audit_reports = "var/audit";

  // [smtp]
  // May be empty when [milter] listen is not: a milter-only gateway.
  std::vector<net::Endpoint> listen{{"127.0.0.1", 10025}};
  Mode mode = Mode::after_queue;
  std::string hostname;  // empty = the machine's name
  smtp::Limits limits;
  ServerTimeouts timeouts;
  std::optional<Tls> tls;  // STARTTLS offered only when set
  std::string spool_directory = "var/spool";
  std::size_t spool_memory_limit = 1024 * 1024;  // larger messages go to a file

  // [milter]
  MilterSettings milter;

  // [relay]
  relay::Settings relay;
  // [release] where `quarantine release` re-injects; defaults to the relay's next hop.
  relay::Settings release;

  // [quarantine]
  std::string database = "var/quarantine.db";
  int retention_days = 30;
  // The delivery log (recipient address, time, message id of relayed mail) for exposure reports.
  int delivery_log_days = 90;

  // [attachments] PDF, Office, OpenDocument, archives and attached messages are read for
  // personal data by a child process under these limits (README "Attachments").
  bool read_attachments = true;
  extract::Limits attachment_limits;

  // [review], [incidents]
  ReviewSettings review;
  quarantine::Organisation organisation;

  // [log]
  std::string log_file;  // empty = standard error
  bool log_json = false;

  // Where parse_config found each setting: "smtp.listen" → "galguard.toml:14"; list items
  // also one by one, "directory.sources[0]". For errors found later (a missing file).
  std::map<std::string, std::string, std::less<>> places;
};

// Every default as described above.
Config default_config();
// Throws rules::InputError("FILE:LINE", what is wrong) for bad TOML, unknown keys, wrong types
// and values out of range.
Config parse_config(std::string_view text, const std::string& file);
// nullopt path = embedded defaults; otherwise reads and parses the file.
Config load_config(const std::optional<std::string>& path);
// The effective values as TOML, what `config check` prints; parse_config reads it back to the
// same values.
std::string to_toml(const Config& config);

// "FILE:LINE" of a setting ("directory.policy", "directory.sources[1]"); the file alone when
// the setting was not in it; "embedded defaults" without a file.
std::string place_of(const Config& config, std::string_view setting);
// gethostname(), the default for [smtp] hostname; "localhost" if the machine has no name.
std::string machine_hostname();
// Valid settings that work against each other or the MTA in front, one sentence each starting
// with the config's file:line; `config check` prints them and `serve` logs them.
std::vector<std::string> warnings(const Config& config);

}  // namespace galguard::config
