// How incident texts show a time: to the minute and in UTC, as a DPO copies it into IMY's form.
#pragma once

#include <cstdint>
#include <string>

namespace galguard::incidents {

// "2026-11-25 14:03 UTC"
std::string display_time(std::int64_t unix_seconds);

}  // namespace galguard::incidents
