// One bound connection to an LDAP server: libldap handle set up (LDAPv3, no referrals, timeouts,
// per-handle TLS), StartTLS when asked, simple or SASL EXTERNAL bind. Unbinds when destroyed.
#pragma once

#include <ldap.h>

#include <string>

#include "directory/ldap/ldap_options.hpp"
#include "directory/ldap/ldap_url.hpp"

namespace galguard::directory::ldap {

// "Invalid credentials (49)", with the server's diagnostic message after ": " when it sent one.
std::string result_text(LDAP* ld, int rc);

class Connection {
 public:
  // Throws rules::InputError(url.described, ...) saying what failed: cannot connect, TLS, bind.
  Connection(const LdapUrl& url, const LdapOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  LDAP* handle() const { return ld_; }
  [[noreturn]] void fail(const std::string& message) const;

 private:
  void set_options(const LdapOptions& options);
  void connect(const LdapOptions& options);
  void bind(const LdapOptions& options);

  const LdapUrl& url_;
  LDAP* ld_ = nullptr;
  bool tls_ = false;
};

}  // namespace galguard::directory::ldap
