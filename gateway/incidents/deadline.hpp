// The Art. 33(1) clock: notify the authority without undue delay and within 72 hours of
// becoming aware. Shown on every incident as time left, red under 12 hours.
#pragma once

#include <cstdint>
#include <string>

#include "gateway/quarantine/incident.hpp"

namespace galguard::incidents {

inline constexpr std::int64_t kNotifyWithin = 72 * 3600;
inline constexpr std::int64_t kUrgentUnder = 12 * 3600;

struct Deadline {
  enum class State { running, urgent, overdue, notified };
  State state = State::running;
  std::int64_t due = 0;   // discovered_at + 72 h
  std::int64_t left = 0;  // due - now (negative when overdue); at notification: due - notified_at
};

Deadline deadline_of(const quarantine::Incident& incident, std::int64_t now);

// "61 h 12 min left", "5 h 03 min left", "overdue by 2 h 10 min", "notified 14 h before the
// deadline" / "notified 3 h after the deadline".
std::string describe(const Deadline& deadline);

}  // namespace galguard::incidents
