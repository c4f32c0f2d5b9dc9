// Reading every GAL object: a subtree search with the AD attribute list, page by page (Simple
// Paged Results, RFC 2696), big attributes completed by range retrieval.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "directory/files/ldif_reader.hpp"
#include "directory/ldap/ldap_connection.hpp"
#include "directory/source_options.hpp"

namespace galguard::directory::ldap {

struct SearchRequest {
  std::string base;
  int scope = LDAP_SCOPE_SUBTREE;
  std::string filter;
  int page_size = 1000;
  std::chrono::seconds timeout{30};
};

// The naming context to search when no base DN is configured: the rootDSE's
// defaultNamingContext (AD), else its first namingContexts value (OpenLDAP).
std::string default_base(const Connection& connection, std::chrono::seconds timeout);

// Hands each object to `on_record` (attribute names lower case, options dropped, values as raw
// bytes) and calls `on_page` after each page. Throws rules::InputError when the server refuses
// the search or the connection is lost; what was read until then must not be used.
void paged_search(const Connection& connection, const SearchRequest& request,
                  const std::function<void(files::LdifRecord&)>& on_record,
                  const std::function<void(const LoadProgress&)>& on_page);

}  // namespace galguard::directory::ldap
