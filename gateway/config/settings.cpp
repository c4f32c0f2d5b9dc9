// The table of settings. Bounds sit beside each key; a lower bound that a standard sets says
// which, so the error message can too.
#include "gateway/config/settings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <filesystem>
#include <system_error>
#include <type_traits>
#include <vector>

#include "gateway/config/units.hpp"
#include "gateway/metrics/address_range.hpp"
#include "gateway/quarantine/postgres_url.hpp"
#include "gateway/smtp/path.hpp"

namespace galguard::config {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

constexpr std::uint64_t kKiB = 1024;
constexpr std::uint64_t kMiB = kKiB * 1024;
constexpr std::uint64_t kGiB = kMiB * 1024;

// Zero would make every exchange fail at once; more than a day is a mistake, not a policy.
constexpr Bounds<milliseconds> kTimeout{1ms, 24h};

std::string what(std::string_view section, std::string_view key) {
  return fmt::format("[{}] {}", section, key);
}

// A field is a lambda `FIELD(member)`, so one accessor serves the
// reader (Config&) and the writer (const Config&).
template <typename Field>
using FieldType = std::remove_cvref_t<std::invoke_result_t<Field, Config&>>;

template <typename Field>
Setting path(std::string_view section, std::string_view key, Field field) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = r.non_empty(n, what(section, key));
          },
          [=](const Config& c) { return toml_string(field(c)); }};
}

// A SQLite path or a PostgreSQL URL. `config check` output is pasted into tickets: a password in
// the URL is printed as *** (warnings.cpp tells where it belongs instead).
template <typename Field>
Setting database(std::string_view section, std::string_view key, Field field) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = r.non_empty(n, what(section, key));
          },
          [=](const Config& c) { return toml_string(quarantine::pg::redacted_url(field(c))); }};
}

// May be empty: the log file (standard error), the spool directory (memory only).
template <typename Field>
Setting text(std::string_view section, std::string_view key, Field field) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = r.string(n, what(section, key));
          },
          [=](const Config& c) { return toml_string(field(c)); }};
}

// A file that must exist when the config is read (TLS certificate and key).
template <typename Field>
Setting existing_file(std::string_view section, std::string_view key, Field field) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            std::string file = r.non_empty(n, what(section, key));
            std::error_code error;
            const auto status = std::filesystem::status(file, error);
            if (!std::filesystem::exists(status))
              r.fail(n.source(),
                     fmt::format("{}: {} does not exist{}", what(section, key), toml_string(file),
                                 error ? ": " + error.message() : ""));
            if (!std::filesystem::is_regular_file(status))
              r.fail(n.source(), fmt::format("{}: {} is not a regular file", what(section, key),
                                             toml_string(file)));
            field(c) = std::move(file);
          },
          [=](const Config& c) { return toml_string(field(c)); }};
}

// A name for the SMTP greeting or EHLO. Checked because it goes on the wire as is.
template <typename Field>
Setting host_name(std::string_view section, std::string_view key, Field field,
                  bool empty_is_machine_name) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            std::string name = r.string(n, what(section, key));
            if (name.empty() && empty_is_machine_name) {
              field(c) = machine_hostname();
              return;
            }
            if (!smtp::is_domain_or_literal(name))
              r.fail(n.source(), fmt::format("{} = {}: expected a host name such as "
                                             "\"mail.example.org\" or an address literal such as "
                                             "\"[192.0.2.1]\"",
                                             what(section, key), toml_string(name)));
            field(c) = std::move(name);
          },
          [=](const Config& c) { return toml_string(field(c)); }};
}

template <typename Field>
Setting strings(std::string_view section, std::string_view key, Field field,
                Reader::Empty empty = Reader::Empty::refused) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = r.strings(n, what(section, key), empty);
          },
          [=](const Config& c) {
            std::vector<std::string> quoted;
            for (const auto& s : field(c))
              quoted.push_back(toml_string(s));
            return fmt::format("[{}]", fmt::join(quoted, ", "));
          }};
}

// Addresses or CIDR ranges ([review] metrics_from); an empty list is allowed.
template <typename Field>
Setting address_ranges(std::string_view section, std::string_view key, Field field) {
  Setting setting = strings(section, key, field, Reader::Empty::allowed);
  setting.read = [=](const Reader& r, const toml::node& n, Config& c) {
    auto ranges = r.strings(n, what(section, key), Reader::Empty::allowed);
    for (const auto& range : ranges)
      if (!metrics::AddressRange::parse(range))
        r.fail(n.source(), fmt::format("{}: {} is not an IP address or CIDR range (10.0.0.0/8)",
                                       what(section, key), toml_string(range)));
    field(c) = std::move(ranges);
  };
  return setting;
}

template <typename Field>
Setting flag(std::string_view section, std::string_view key, Field field) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = r.boolean(n, what(section, key));
          },
          [=](const Config& c) { return std::string(field(c) ? "true" : "false"); }};
}

template <typename Field>
Setting duration(std::string_view section, std::string_view key, Field field,
                 Bounds<milliseconds> bounds) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = r.duration(n, what(section, key), bounds);
          },
          [=](const Config& c) { return toml_string(format_duration(field(c))); }};
}

// Whole seconds, where the consumer (libldap, libcurl) counts in seconds.
template <typename Field>
Setting seconds(std::string_view section, std::string_view key, Field field,
                Bounds<milliseconds> bounds) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = std::chrono::duration_cast<std::chrono::seconds>(
                r.duration(n, what(section, key), bounds));
          },
          [=](const Config& c) { return toml_string(format_duration(field(c))); }};
}

template <typename Field>
Setting size(std::string_view section, std::string_view key, Field field,
             Bounds<std::uint64_t> bounds) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = static_cast<FieldType<Field>>(r.size(n, what(section, key), bounds));
          },
          [=](const Config& c) {
            const std::string text = format_size(field(c));
            const bool digits = text.find_first_not_of("0123456789") == std::string::npos;
            return digits ? text : toml_string(text);
          }};
}

template <typename Field>
Setting count(std::string_view section, std::string_view key, Field field,
              Bounds<std::int64_t> bounds) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = static_cast<FieldType<Field>>(r.integer(n, what(section, key), bounds));
          },
          [=](const Config& c) { return std::to_string(field(c)); }};
}

template <typename Field>
Setting endpoint(std::string_view section, std::string_view key, Field field) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = r.endpoint(n, what(section, key));
          },
          [=](const Config& c) { return toml_string(field(c).text()); }};
}

template <typename Field>
Setting endpoints(std::string_view section, std::string_view key, Field field,
                  Reader::Empty empty = Reader::Empty::refused) {
  return {section, key,
          [=](const Reader& r, const toml::node& n, Config& c) {
            field(c) = r.endpoints(n, what(section, key), empty);
          },
          [=](const Config& c) {
            std::vector<std::string> quoted;
            for (const auto& e : field(c))
              quoted.push_back(toml_string(e.text()));
            return fmt::format("[{}]", fmt::join(quoted, ", "));
          }};
}

constexpr std::array<std::string_view, 2> kModes = {"after-queue", "before-queue"};
constexpr std::array<std::string_view, 2> kLdapBinds = {"simple", "external"};
constexpr std::array<std::string_view, 2> kLogFormats = {"text", "json"};
constexpr std::array<std::string_view, 2> kOnHold = {"reject", "discard"};

Setting mode() {
  return {"smtp", "mode",
          [](const Reader& r, const toml::node& n, Config& c) {
            c.mode = r.choice(n, "[smtp] mode", kModes) == kModes[0] ? Mode::after_queue
                                                                     : Mode::before_queue;
          },
          [](const Config& c) { return toml_string(kModes[c.mode == Mode::after_queue ? 0 : 1]); }};
}

Setting milter_on_hold() {
  using OnHold = MilterSettings::OnHold;
  return {"milter", "on_hold",
          [](const Reader& r, const toml::node& n, Config& c) {
            c.milter.on_hold = r.choice(n, "[milter] on_hold", kOnHold) == kOnHold[0]
                                   ? OnHold::reject
                                   : OnHold::discard;
          },
          [](const Config& c) {
            return toml_string(kOnHold[c.milter.on_hold == OnHold::reject ? 0 : 1]);
          }};
}

Setting ldap_bind() {
  return {"directory.ldap", "bind",
          [](const Reader& r, const toml::node& n, Config& c) {
            c.ldap.bind = r.choice(n, "[directory.ldap] bind", kLdapBinds);
          },
          [](const Config& c) { return toml_string(c.ldap.bind); }};
}

Setting log_format() {
  return {"log", "format",
          [](const Reader& r, const toml::node& n, Config& c) {
            c.log_json = r.choice(n, "[log] format", kLogFormats) == "json";
          },
          [](const Config& c) { return toml_string(kLogFormats[c.log_json ? 1 : 0]); }};
}

// One accessor for reading and writing the member (see FieldType).
// clang-format off
#define FIELD(member) [](auto& c) -> auto& { return c.member; }
// clang-format on

const std::vector<Setting>& table() {
  static const std::vector<Setting> kSettings = {
      strings("directory", "sources", FIELD(directory_sources)),
      path("directory", "policy", FIELD(policy_file)),
      duration("directory", "reload_interval", FIELD(reload_interval), {0ms, 24h}),
      duration("directory", "refresh_interval", FIELD(refresh_interval), {0ms, 7 * 24h}),
      path("directory", "saved_snapshot", FIELD(saved_snapshot)),
      flag("directory", "fail_open", FIELD(fail_open)),

      text("directory.ldap", "base_dn", FIELD(ldap.base_dn)),
      path("directory.ldap", "filter", FIELD(ldap.filter)),
      flag("directory.ldap", "starttls", FIELD(ldap.starttls)),
      text("directory.ldap", "ca_file", FIELD(ldap.ca_file)),
      text("directory.ldap", "client_certificate", FIELD(ldap.client_certificate)),
      text("directory.ldap", "client_key", FIELD(ldap.client_key)),
      ldap_bind(),
      text("directory.ldap", "bind_dn", FIELD(ldap.bind_dn)),
      text("directory.ldap", "password_file", FIELD(ldap.password_file)),
      text("directory.ldap", "password_env", FIELD(ldap.password_env)),
      count("directory.ldap", "page_size", FIELD(ldap.page_size), {1, 100'000}),
      seconds("directory.ldap", "timeout", FIELD(ldap.timeout), {1s, 1h}),

      path("directory.graph", "authority", FIELD(graph.authority)),
      path("directory.graph", "graph", FIELD(graph.graph)),
      text("directory.graph", "client_id", FIELD(graph.client_id)),
      text("directory.graph", "client_secret_file", FIELD(graph.client_secret_file)),
      text("directory.graph", "client_secret_env", FIELD(graph.client_secret_env)),
      text("directory.graph", "certificate_file", FIELD(graph.certificate_file)),
      text("directory.graph", "certificate_key_file", FIELD(graph.certificate_key_file)),
      flag("directory.graph", "delta", FIELD(graph.delta)),
      count("directory.graph", "max_retries", FIELD(graph.max_retries), {0, 100}),
      seconds("directory.graph", "max_retry_after", FIELD(graph.max_retry_after), {1s, 24h}),
      seconds("directory.graph", "timeout", FIELD(graph.timeout), {1s, 1h}),
      text("directory.graph", "ca_file", FIELD(graph.ca_file)),

      duration("audit", "interval", FIELD(audit_interval), {0ms, 366 * 24h}),
      path("audit", "reports", FIELD(audit_reports)),

      // Empty only with [milter] listen set: parse_config checks the two together.
      endpoints("smtp", "listen", FIELD(listen), Reader::Empty::allowed),
      mode(),
      host_name("smtp", "hostname", FIELD(hostname), true),
      size("smtp", "max_message_size", FIELD(limits.max_message_size), {kKiB, 4 * kGiB}),
      count("smtp", "max_recipients", FIELD(limits.max_recipients),
            {100, 1'000'000, "RFC 5321 4.5.3.1.8: a server must accept 100 recipients"}),
      size("smtp", "max_line", FIELD(limits.max_line),
           {1000, kMiB, "RFC 5321 4.5.3.1.6: a server must accept lines of 1000 octets"}),
      duration("smtp", "command_timeout", FIELD(timeouts.command), kTimeout),
      duration("smtp", "data_timeout", FIELD(timeouts.data_block), kTimeout),
      duration("smtp", "shutdown_grace", FIELD(timeouts.shutdown_grace), {0ms, 1h}),
      text("smtp", "spool_directory", FIELD(spool_directory)),
      size("smtp", "spool_memory_limit", FIELD(spool_memory_limit), {0, kGiB}),

      existing_file("smtp.tls", "certificate", FIELD(tls->certificate)),
      existing_file("smtp.tls", "key", FIELD(tls->key)),

      endpoints("milter", "listen", FIELD(milter.listen), Reader::Empty::allowed),
      milter_on_hold(),
      flag("milter", "verdict_header", FIELD(milter.verdict_header)),
      duration("milter", "timeout", FIELD(milter.timeout), kTimeout),

      endpoint("relay", "next_hop", FIELD(relay.next_hop)),
      host_name("relay", "helo_name", FIELD(relay.helo_name), false),
      duration("relay", "connect_timeout", FIELD(relay.timeouts.connect), kTimeout),
      duration("relay", "greeting_timeout", FIELD(relay.timeouts.greeting), kTimeout),
      duration("relay", "command_timeout", FIELD(relay.timeouts.command), kTimeout),
      duration("relay", "data_init_timeout", FIELD(relay.timeouts.data_init), kTimeout),
      duration("relay", "data_timeout", FIELD(relay.timeouts.data_block), kTimeout),
      duration("relay", "data_end_timeout", FIELD(relay.timeouts.data_end), kTimeout),
      count("relay", "max_idle_connections", FIELD(relay.max_idle_connections), {0, 1000}),
      duration("relay", "idle_timeout", FIELD(relay.idle_timeout), {0ms, 24h}),

      endpoint("release", "relay", FIELD(release.next_hop)),
      host_name("release", "helo_name", FIELD(release.helo_name), false),

      database("quarantine", "database", FIELD(database)),
      count("quarantine", "retention_days", FIELD(retention_days),
            {1, 3650, "0 would purge held messages before anyone could review them"}),
      count("quarantine", "delivery_log_days", FIELD(delivery_log_days),
            {1, 3650, "0 would leave nothing to count for an exposure report"}),

      flag("attachments", "read", FIELD(read_attachments)),
      size("attachments", "max_text", FIELD(attachment_limits.max_text_bytes), {kKiB, kGiB}),
      size("attachments", "max_file_size", FIELD(attachment_limits.max_file_bytes),
           {kKiB, 4 * kGiB}),
      count("attachments", "max_depth", FIELD(attachment_limits.max_depth), {1, 32}),
      count("attachments", "max_entries", FIELD(attachment_limits.max_entries), {1, 1'000'000}),
      count("attachments", "max_ratio", FIELD(attachment_limits.max_ratio),
            {10, 100'000, "below 10 ordinary text files would count as bombs"}),
      count("attachments", "max_pdf_pages", FIELD(attachment_limits.max_pdf_pages), {1, 1'000'000}),
      size("attachments", "reader_memory", FIELD(attachment_limits.child_memory_bytes),
           {64 * kMiB, 1024 * kGiB}),
      seconds("attachments", "reader_cpu_time", FIELD(attachment_limits.child_cpu_time), {1s, 1h}),
      seconds("attachments", "reader_timeout", FIELD(attachment_limits.child_wall_time), {1s, 1h}),

      flag("review", "enabled", FIELD(review.enabled)),
      endpoints("review", "listen", FIELD(review.listen)),
      strings("review", "trusted_proxies", FIELD(review.trusted_proxies), Reader::Empty::allowed),
      text("review", "user_header", FIELD(review.user_header)),
      address_ranges("review", "metrics_from", FIELD(review.metrics_from)),
      flag("review", "secure_cookies", FIELD(review.secure_cookies)),
      duration("review", "session_idle", FIELD(review.session_idle), {1min, 24h}),
      duration("review", "session_max", FIELD(review.session_max), {1min, 7 * 24h}),
      count("review", "max_login_failures", FIELD(review.max_login_failures), {1, 1000}),
      duration("review", "lockout", FIELD(review.lockout), {1s, 24h}),
      flag("review", "four_eyes", FIELD(review.four_eyes)),
      count("review", "four_eyes_identity_numbers", FIELD(review.four_eyes_identity_numbers),
            {0, 1'000'000}),

      text("incidents", "organisation", FIELD(organisation.name)),
      text("incidents", "contact", FIELD(organisation.contact)),
      text("incidents", "processors", FIELD(organisation.processors)),

      text("log", "file", FIELD(log_file)),
      log_format(),
  };
  return kSettings;
}

#undef FIELD

void prepare_tls(Config& c, bool present) {
  if (present) c.tls.emplace();
}

void finish_tls(const Reader& r, const toml::table& table, const Config& c) {
  for (const auto& [key, value] :
       {std::pair{"certificate", &c.tls->certificate}, std::pair{"key", &c.tls->key}})
    if (value->empty())
      r.fail(table.source(),
             fmt::format("[smtp.tls] needs both certificate and key; \"{}\" is missing", key));
}

// [release] is the relay unless it says otherwise: same timeouts, its own next hop if given.
void prepare_release(Config& c, bool) {
  c.release = c.relay;
}

constexpr std::array<Section, 14> kSections = {{
    {"directory"},
    {"directory.ldap"},
    {"directory.graph"},
    {"smtp"},
    {"smtp.tls", &prepare_tls, &finish_tls, [](const Config& c) { return c.tls.has_value(); }},
    {"relay"},
    {"release", &prepare_release},
    {"milter"},
    {"quarantine"},
    {"audit"},
    {"attachments"},
    {"review"},
    {"incidents"},
    {"log"},
}};

}  // namespace

std::span<const Section> sections() {
  return kSections;
}

std::span<const Setting> settings() {
  return table();
}

}  // namespace galguard::config
