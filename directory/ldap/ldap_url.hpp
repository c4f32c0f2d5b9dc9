// An LDAP URL (RFC 4516) taken apart: where to connect, what to search, who to bind as, and how
// to name it in messages without anything secret.
#pragma once

#include <string>

namespace galguard::directory::ldap {

struct LdapUrl {
  std::string
      server;  // "ldap://127.0.0.1:389", "ldapi://%2Frun%2Fslapd%2Fldapi" (for ldap_initialize)
  std::string scheme;   // "ldap", "ldaps", "ldapi"
  std::string base_dn;  // decoded; "" when the URL has none
  std::string filter;   // decoded; "" when the URL has none
  int scope = -1;       // LDAP_SCOPE_*, -1 when the URL has none (the source searches the subtree)
  std::string bind_dn;  // from the "bindname=" extension, decoded; "" when absent
  std::string described;  // the URL without extensions other than bindname
};

// Throws rules::InputError(url, why) on a malformed URL, an unknown scheme or an unknown critical
// extension ("!x-..."), which RFC 4516 says must not be ignored.
LdapUrl parse_ldap_url(const std::string& url);

}  // namespace galguard::directory::ldap
