// Ownership of the things libldap hands out, so every exit path frees them.
#pragma once

#include <ldap.h>

#include <memory>

namespace galguard::directory::ldap {

struct MessageFree {
  void operator()(LDAPMessage* m) const { ldap_msgfree(m); }
};
struct ControlFree {
  void operator()(LDAPControl* c) const { ldap_control_free(c); }
};
struct ControlsFree {
  void operator()(LDAPControl** c) const { ldap_controls_free(c); }
};
struct BerFree {
  void operator()(BerElement* b) const { ber_free(b, 0); }
};
struct ValuesFree {
  void operator()(berval** v) const { ldap_value_free_len(v); }
};
struct MemFree {
  void operator()(void* p) const { ldap_memfree(p); }
};

using Message = std::unique_ptr<LDAPMessage, MessageFree>;
using Control = std::unique_ptr<LDAPControl, ControlFree>;
using Controls = std::unique_ptr<LDAPControl*, ControlsFree>;
using Ber = std::unique_ptr<BerElement, BerFree>;
using Values = std::unique_ptr<berval*, ValuesFree>;
using LdapString = std::unique_ptr<char, MemFree>;

}  // namespace galguard::directory::ldap
