// Settings that are valid but work against each other or against the MTA in front.
#include <fmt/format.h>

#include <cstdlib>

#include "gateway/config/config.hpp"
#include "gateway/quarantine/postgres_url.hpp"

namespace galguard::config {
namespace {

// Postfix's smtpd_proxy_timeout default: in before-queue mode Postfix waits this long for
// galguard's reply to the end of DATA, then gives up on a message galguard may still deliver.
constexpr std::chrono::seconds kPostfixProxyTimeout{100};

bool has_secret(const std::string& file, const std::string& env) {
  return !file.empty() || (!env.empty() && std::getenv(env.c_str()) != nullptr);
}

void server_source_warnings(const Config& config, std::vector<std::string>& out) {
  for (std::size_t i = 0; i < config.directory_sources.size(); ++i) {
    const std::string& spec = config.directory_sources[i];
    const std::string where = place_of(config, fmt::format("directory.sources[{}]", i));
    const auto& ldap = config.ldap;
    const bool ldap_url = spec.starts_with("ldap://") || spec.starts_with("ldaps://");
    if (ldap_url && ldap.bind == "simple" && !ldap.bind_dn.empty() &&
        !has_secret(ldap.password_file, ldap.password_env))
      out.push_back(fmt::format(
          "{}: {} binds as {:?} but there is no password: [directory.ldap] password_file is "
          "empty and ${} is not set",
          where, spec, ldap.bind_dn, ldap.password_env));
    if (spec.starts_with("ldap://") && !ldap.starttls && ldap.bind == "simple" &&
        !ldap.bind_dn.empty())
      out.push_back(
          fmt::format("{}: {} without TLS: the bind password crosses the network in the clear; use "
                      "ldaps:// or [directory.ldap] starttls = true",
                      where, spec));
    const auto& graph = config.graph;
    if (spec.starts_with("graph://") && graph.certificate_file.empty() &&
        !has_secret(graph.client_secret_file, graph.client_secret_env))
      out.push_back(
          fmt::format("{}: {} has no credentials: set [directory.graph] certificate_file, "
                      "client_secret_file, or ${}",
                      where, spec, graph.client_secret_env));
  }
}

// The review UI shows personal data: off loopback it belongs behind TLS.
void review_warnings(const Config& config, std::vector<std::string>& out) {
  const ReviewSettings& review = config.review;
  if (!review.enabled) return;
  for (const net::Endpoint& e : review.listen) {
    const bool loopback = e.host == "127.0.0.1" || e.host == "::1" || e.host == "localhost";
    if (!loopback && !review.secure_cookies)
      out.push_back(fmt::format(
          "{}: the review UI listens on {}, reachable from the network over plain HTTP; put it "
          "behind a TLS reverse proxy and set [review] secure_cookies = true",
          place_of(config, "review.listen"), e.text()));
  }
  if (!review.user_header.empty() && review.trusted_proxies.empty())
    out.push_back(fmt::format(
        "{}: user_header = {:?} is ignored: no [review] trusted_proxies are listed, so no "
        "request is believed to come from the proxy",
        place_of(config, "review.user_header"), review.user_header));
}

}  // namespace

std::vector<std::string> warnings(const Config& config) {
  std::vector<std::string> out;
  server_source_warnings(config, out);
  review_warnings(config, out);
  if (config.mode == Mode::before_queue) {
    const auto& t = config.relay.timeouts;
    const auto longest =
        std::max({t.connect, t.greeting, t.command, t.data_init, t.data_block, t.data_end});
    if (longest >= kPostfixProxyTimeout)
      out.push_back(fmt::format(
          "{}: mode = \"before-queue\" with a relay timeout of {} s: Postfix's "
          "smtpd_proxy_timeout (100 s by default) may expire first, and a message the next hop "
          "then accepts is also retried by the client (delivered twice); keep every [relay] "
          "timeout below it, e.g. 60s",
          place_of(config, "smtp.mode"),
          std::chrono::duration_cast<std::chrono::seconds>(longest).count()));
  }
  if (config.fail_open)
    out.push_back(
        fmt::format("{}: fail_open = true: while no directory is loaded, mail is "
                    "relayed unchecked",
                    place_of(config, "directory.fail_open")));
  if (quarantine::pg::url_has_password(config.database))
    out.push_back(
        fmt::format("{}: the PostgreSQL password is written in the URL; leave it out and put it in "
                    "~/.pgpass or the file $PGPASSFILE names (mode 0600), which libpq reads",
                    place_of(config, "quarantine.database")));
  return out;
}

}  // namespace galguard::config
