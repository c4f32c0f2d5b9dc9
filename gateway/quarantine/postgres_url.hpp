// Which quarantine setting names a PostgreSQL server, and how to show it without its password:
// the URL goes into logs, error messages and `quarantine verify`, the password must not.
#pragma once

#include <string>
#include <string_view>

namespace galguard::quarantine::pg {

// postgresql://... or postgres://..., the two schemes libpq accepts.
bool is_postgres_url(std::string_view database);

// The URL with a password (user:PASSWORD@ or ?password=PASSWORD) replaced by "***"; anything
// else unchanged.
std::string redacted_url(std::string_view url);

// A password written in the URL itself rather than in PGPASSFILE / ~/.pgpass.
bool url_has_password(std::string_view url);

}  // namespace galguard::quarantine::pg
