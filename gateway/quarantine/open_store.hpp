// The one place that turns `[quarantine] database` into a backend: a postgresql:// or
// postgres:// URL is PostgreSQL (several gateways, one queue), anything else is the path of a
// SQLite file (the default). Every caller opens the quarantine and the delivery log through here.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "gateway/quarantine/delivery_log.hpp"
#include "gateway/quarantine/store.hpp"

namespace galguard::quarantine {

// A server URL rather than a file path.
bool is_database_url(std::string_view database);
// What to print for the setting: a URL's password becomes "***"; a path as it is.
std::string display_database(std::string_view database);

// Open (and create, upgrade or check the schema of) the quarantine. A path's file is created when
// missing; callers that must not create one check first. Throws rules::InputError naming the
// database as display_database() shows it.
std::unique_ptr<QuarantineStore> open_quarantine(const std::string& database);
std::unique_ptr<DeliveryLog> open_delivery_log(const std::string& database);

}  // namespace galguard::quarantine
