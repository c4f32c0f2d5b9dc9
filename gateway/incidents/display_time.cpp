#include "gateway/incidents/display_time.hpp"

#include "gateway/quarantine/unix_time.hpp"

namespace galguard::incidents {

std::string display_time(std::int64_t unix_seconds) {
  const std::string iso = quarantine::iso_time(unix_seconds);  // 2026-11-25T14:03:00Z
  if (iso.size() != 20) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

}  // namespace galguard::incidents
