#include "gateway/incidents/deadline.hpp"

#include <fmt/format.h>

namespace galguard::incidents {
namespace {

std::string hours_minutes(std::int64_t seconds) {
  return fmt::format("{} h {:02} min", seconds / 3600, seconds % 3600 / 60);
}

}  // namespace

Deadline deadline_of(const quarantine::Incident& incident, std::int64_t now) {
  Deadline d;
  d.due = incident.discovered_at + kNotifyWithin;
  if (incident.notified_at) {
    d.state = Deadline::State::notified;
    d.left = d.due - *incident.notified_at;
    return d;
  }
  d.left = d.due - now;
  if (d.left < 0)
    d.state = Deadline::State::overdue;
  else if (d.left < kUrgentUnder)
    d.state = Deadline::State::urgent;
  else
    d.state = Deadline::State::running;
  return d;
}

std::string describe(const Deadline& d) {
  switch (d.state) {
    case Deadline::State::running:
    case Deadline::State::urgent:
      return hours_minutes(d.left) + " left";
    case Deadline::State::overdue:
      return "overdue by " + hours_minutes(-d.left);
    case Deadline::State::notified:
      if (d.left >= 0) return fmt::format("notified {} h before the deadline", d.left / 3600);
      return fmt::format("notified {} h after the deadline", -d.left / 3600);
  }
  return {};
}

}  // namespace galguard::incidents
