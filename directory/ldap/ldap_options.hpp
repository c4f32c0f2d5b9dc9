// How to reach and read an LDAP directory (Active Directory, OpenLDAP). Plain settings: filled
// from [directory.ldap] in the config, defaults fit Active Directory. No secret is ever given on
// the command line: the bind password comes from a file or an environment variable.
#pragma once

#include <chrono>
#include <string>

namespace galguard::directory {

struct LdapOptions {
  // The URL's own parts (RFC 4516 "ldap://host:port/BASE??sub?FILTER") win over these two.
  std::string base_dn;  // "" → the server's defaultNamingContext (rootDSE)
  // Every object shown in the GAL: users with a mailbox, contacts, groups, shared/room mailboxes,
  // public folders; not those hidden from address lists.
  std::string filter =
      "(&(mailNickname=*)(!(msExchHideFromAddressLists=TRUE))"
      "(|(objectClass=user)(objectClass=contact)(objectClass=group)"
      "(objectClass=publicFolder)(objectClass=msExchDynamicDistributionList)))";
  bool starttls = false;  // on ldap:// only; ldaps:// is TLS from the first byte
  std::string ca_file;    // "" → the system's trust store
  // TLS client certificate, for SASL EXTERNAL over TLS.
  std::string client_certificate;
  std::string client_key;
  // "simple" (bind_dn + password; anonymous when bind_dn is empty) or "external" (SASL EXTERNAL:
  // the TLS client certificate or, on ldapi://, the process's own uid).
  std::string bind = "simple";
  std::string bind_dn;
  std::string password_file;                            // read once per load, trailing newline cut
  std::string password_env = "GALGUARD_LDAP_PASSWORD";  // used when password_file is ""
  int page_size = 1000;              // Simple Paged Results page (AD's MaxPageSize is 1000)
  std::chrono::seconds timeout{30};  // connect, bind and each page
};

}  // namespace galguard::directory
