// The queue page's chart of held messages per day, as inline SVG drawn on the server: no
// script, no image request, and it prints.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace galguard::review {

// One bar per element of `counts`, day i starting at first_day + i*86400 (UTC midnight). Each
// bar is a <rect class="bar"> with a <title> ("2026-11-25: 3 held") for hover and screen readers.
std::string held_per_day_chart(const std::vector<int>& counts, std::int64_t first_day);

}  // namespace galguard::review
