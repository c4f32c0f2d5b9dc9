// The DPO's decisions on a held message, one implementation for the web UI and the CLI: each
// checks who may do it, records who, when and why in the action log, and leaves the store
// truthful when something fails half-way (a release is recorded only after the relay's 250).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "gateway/quarantine/store.hpp"

namespace galguard::review {

// A decision that cannot be made (not held, relay down, same DPO approving their own request).
// what() is a sentence for the person who asked; nothing was changed unless it says so.
class DecisionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Four-eyes (config [review] four_eyes): special-category data or more identity numbers than
// four_eyes_identity_numbers.
bool needs_second_approval(const quarantine::HeldMessage& message,
                           const config::ReviewSettings& settings);
// The open "release-requested" row of a message: the newest one with no later
// "released"/"deleted"/"release-withdrawn" row.
std::optional<quarantine::ActionLogEntry> pending_release_request(
    const std::vector<quarantine::ActionLogEntry>& message_log);

struct ReleaseOutcome {
  enum class Kind { released, requested };
  Kind kind = Kind::released;
  std::string relay;  // "127.0.0.1:10026"
  std::string reply;  // the relay's reply on one line; empty when only requested
};

// Releases through config.release, or — when four-eyes applies and no other DPO has asked —
// records a "release-requested" row and returns `requested`. When another DPO's request is
// pending, this is the approval: the message goes, and the "released" row's reason names the
// requester and both reasons. The same actor approving their own request → DecisionError.
ReleaseOutcome release(quarantine::QuarantineStore& store, const config::Config& config,
                       const std::string& id, const std::string& actor, const std::string& reason,
                       std::int64_t now);
// Deletes (bytes erased at once).
void delete_message(quarantine::QuarantineStore& store, const std::string& id,
                    const std::string& actor, const std::string& reason, std::int64_t now);
// "Mark as incident": an incident record prefilled from the message (gateway/incidents), a
// "classified-incident" log row with the reason; returns the incident id. The message stays
// in its state (the DPO still releases or deletes it). A message that already has a record →
// DecisionError naming it.
std::string mark_incident(quarantine::QuarantineStore& store, const config::Config& config,
                          const std::string& id, const std::string& actor,
                          const std::string& reason, std::int64_t now);
// "Not an incident": a "classified-not-incident" log row with the reason.
void mark_not_incident(quarantine::QuarantineStore& store, const std::string& id,
                       const std::string& actor, const std::string& reason, std::int64_t now);

// What a person typed as a reason, made safe for a header and a one-line log row: control
// characters become spaces, runs of spaces one, trimmed. Throws DecisionError when it is then
// empty, not UTF-8, or longer than kMaxReasonBytes.
std::string clean_reason(std::string_view typed);
inline constexpr std::size_t kMaxReasonBytes = 900;

}  // namespace galguard::review
