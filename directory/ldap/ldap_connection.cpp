// Connecting and binding, with errors a directory admin can act on.
#include "directory/ldap/ldap_connection.hpp"

#include <sys/time.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "directory/secret.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::ldap {
namespace {

std::string diagnostic(LDAP* ld) {
  char* message = nullptr;
  ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message);
  std::string text = message ? message : "";
  ldap_memfree(message);
  return text;
}

bool connection_failure(int rc) {
  return rc == LDAP_SERVER_DOWN || rc == LDAP_CONNECT_ERROR || rc == LDAP_TIMEOUT;
}

// The password for a simple bind: password_file (one line; its newline is not part of it), else
// the environment variable. Read at each load so a rotated password is picked up.
std::string password(const LdapUrl& url, const LdapOptions& options, const std::string& dn) {
  std::string secret =
      read_secret(options.password_file, options.password_env, url.described, "password_file");
  // An empty password would make an unauthenticated bind (RFC 4513 5.1.2) that "succeeds".
  if (secret.empty())
    throw rules::InputError(url.described, "no password for " + dn + ": set $" +
                                               options.password_env + " or password_file");
  return secret;
}

// libldap with GnuTLS (Debian's build) reports a refused server certificate as "(unknown error
// code)"; say what it usually means instead.
std::string tls_failure(LDAP* ld, int rc) {
  std::string diag = diagnostic(ld);
  if (diag.empty() || diag.find("unknown error") != std::string::npos)
    diag =
        "the server's certificate was not accepted (not issued by a CA in ca_file or the "
        "system's trust store, another host name, or expired)";
  return "TLS failed: " + diag + " [" + ldap_err2string(rc) + " (" + std::to_string(rc) +
         ")]; check ca_file";
}

}  // namespace

std::string result_text(LDAP* ld, int rc) {
  std::string text = std::string(ldap_err2string(rc)) + " (" + std::to_string(rc) + ")";
  if (std::string diag = ld ? diagnostic(ld) : ""; !diag.empty()) text += ": " + diag;
  return text;
}

Connection::Connection(const LdapUrl& url, const LdapOptions& options) : url_(url) {
  if (const int rc = ldap_initialize(&ld_, url.server.c_str()); rc != LDAP_SUCCESS)
    fail("cannot use " + url.server + ": " + result_text(nullptr, rc));
  try {
    set_options(options);
    connect(options);
    bind(options);
  } catch (...) {
    ldap_unbind_ext_s(ld_, nullptr, nullptr);
    ld_ = nullptr;
    throw;
  }
}

Connection::~Connection() {
  if (ld_) ldap_unbind_ext_s(ld_, nullptr, nullptr);
}

void Connection::fail(const std::string& message) const {
  throw rules::InputError(url_.described, message);
}

void Connection::set_options(const LdapOptions& options) {
  const auto set = [this](int option, const void* value, const char* name) {
    if (ldap_set_option(ld_, option, value) != LDAP_OPT_SUCCESS)
      fail(std::string("cannot set ") + name);
  };
  const int version = LDAP_VERSION3;
  set(LDAP_OPT_PROTOCOL_VERSION, &version, "LDAPv3");
  // A referral would send our bind password to whatever server it names.
  set(LDAP_OPT_REFERRALS, LDAP_OPT_OFF, "referrals off");
  const timeval timeout{static_cast<time_t>(options.timeout.count()), 0};
  set(LDAP_OPT_NETWORK_TIMEOUT, &timeout, "network timeout");
  set(LDAP_OPT_TIMEOUT, &timeout, "timeout");

  tls_ = url_.scheme == "ldaps" || (options.starttls && url_.scheme == "ldap");
  if (!tls_) return;
  // Per-handle TLS settings take effect only in a new context, made after they are all set.
  const int demand = LDAP_OPT_X_TLS_DEMAND;
  set(LDAP_OPT_X_TLS_REQUIRE_CERT, &demand, "TLS require_cert");
  if (!options.ca_file.empty())
    set(LDAP_OPT_X_TLS_CACERTFILE, options.ca_file.c_str(), "TLS ca_file");
  if (!options.client_certificate.empty())
    set(LDAP_OPT_X_TLS_CERTFILE, options.client_certificate.c_str(), "TLS client_certificate");
  if (!options.client_key.empty())
    set(LDAP_OPT_X_TLS_KEYFILE, options.client_key.c_str(), "TLS client_key");
  const int is_server = 0;
  if (const int rc = ldap_set_option(ld_, LDAP_OPT_X_TLS_NEWCTX, &is_server);
      rc != LDAP_OPT_SUCCESS)
    fail("TLS setup failed: " + result_text(ld_, rc) +
         "; check ca_file, client_certificate, client_key");
}

void Connection::connect(const LdapOptions& options) {
  if (const int rc = ldap_connect(ld_); rc != LDAP_SUCCESS) {
    // On ldaps:// the handshake is part of connecting: a diagnostic means TLS said no.
    if (url_.scheme == "ldaps" && !diagnostic(ld_).empty()) fail(tls_failure(ld_, rc));
    fail("cannot connect: " + result_text(ld_, rc));
  }
  if (url_.scheme == "ldap" && options.starttls)
    if (const int rc = ldap_start_tls_s(ld_, nullptr, nullptr); rc != LDAP_SUCCESS)
      fail(rc == LDAP_SERVER_DOWN ? "cannot connect: " + result_text(ld_, rc)
                                  : tls_failure(ld_, rc));
}

void Connection::bind(const LdapOptions& options) {
  int rc = LDAP_SUCCESS;
  std::string who;
  if (options.bind == "external") {
    who = "SASL EXTERNAL";
    // An empty initial response (no authzid), not an absent one: without it slapd asks for a
    // second round that libldap's synchronous call cannot answer.
    char nothing[] = "";
    berval no_authzid{0, nothing};
    rc = ldap_sasl_bind_s(ld_, nullptr, "EXTERNAL", &no_authzid, nullptr, nullptr, nullptr);
  } else if (options.bind == "simple") {
    const std::string dn = url_.bind_dn.empty() ? options.bind_dn : url_.bind_dn;
    if (dn.empty()) return;  // anonymous: the search itself tells whether that is enough
    who = dn;
    std::string secret = password(url_, options, dn);
    berval credentials{static_cast<ber_len_t>(secret.size()), secret.data()};
    rc = ldap_sasl_bind_s(ld_, dn.c_str(), LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr,
                          nullptr);
  } else {
    fail("unknown bind method \"" + options.bind + "\": expected simple or external");
  }
  if (rc == LDAP_SUCCESS) return;
  if (connection_failure(rc)) fail("cannot connect: " + result_text(ld_, rc));
  fail("bind refused for " + who + ": " + result_text(ld_, rc));
}

}  // namespace galguard::directory::ldap
