// Active Directory / OpenLDAP as a directory source, through the OpenLDAP client library.
// DESIGN.md §5; attribute meanings in notes/directory-facts.md.
#pragma once

#include <memory>
#include <string>

#include "directory/source.hpp"
#include "directory/source_options.hpp"

namespace galguard::directory {

// url: "ldap://host[:port][/BASE[??sub[?FILTER]]]", "ldaps://...", or "ldapi://..." (RFC 4516;
// base and filter from the URL win over the options'). load() connects, binds, reads every
// page and unbinds; on any failure it throws rules::InputError naming the URL and what failed
// (bind refused, server unreachable, TLS, connection lost mid-search), so the caller can keep
// its last good snapshot.
std::unique_ptr<DirectorySource> open_ldap_source(
    const std::string& url, const LdapOptions& options,
    std::function<void(const LoadProgress&)> on_progress);

}  // namespace galguard::directory
