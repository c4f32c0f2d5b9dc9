// What a live source needs besides its URL, and how it reports progress. Export files need none.
#pragma once

#include <cstddef>
#include <functional>

#include "directory/graph/graph_options.hpp"
#include "directory/ldap/ldap_options.hpp"

namespace galguard::directory {

struct LoadProgress {
  std::size_t entries = 0;  // read so far (objects, before mapping)
  std::size_t pages = 0;    // LDAP pages / Graph pages fetched so far
};

struct SourceOptions {
  LdapOptions ldap;
  GraphOptions graph;
  // Called after each page; a source without pages calls it once at the end. May be empty.
  std::function<void(const LoadProgress&)> on_progress;
};

}  // namespace galguard::directory
