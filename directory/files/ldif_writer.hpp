// A snapshot's entries as LDIF with AD attributes, which parse_ldif reads back into the same
// entries (id, kind, name, addresses, hidden, address lists, change time). This is how the
// gateway keeps the last good directory from a server (LDAP, Graph) on disk.
#pragma once

#include <span>
#include <string>

#include "rules/model/entry.hpp"

namespace galguard::directory::files {

std::string write_ldif(std::span<const rules::Entry> entries);

}  // namespace galguard::directory::files
