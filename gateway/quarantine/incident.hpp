// A personal-data incident record (GDPR Art. 33/34) and the review UI's local accounts: what the
// quarantine store keeps besides held messages, so one backend holds everything a DPO decides
// on (DESIGN.md §6). Plain data; prefilling and exporting live in gateway/incidents/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::quarantine {

// The fields of IMY's notification form and Art. 33(3) (a)-(d). Times are unix seconds.
struct Incident {
  std::string id;  // "INC-N"; empty on create_incident() = the store numbers it
  std::int64_t created_at = 0;
  std::string created_by;
  std::int64_t updated_at = 0;
  std::string status = "open";  // "open" | "closed"

  // Where it came from: a held message, or an audit finding ("CODE address"), or both empty.
  std::string message_id;
  std::string finding;

  // The controller and whom the authority contacts.
  std::string organisation;
  std::string contact;

  // When it happened, was discovered (the 72 hours run from here) and ended.
  std::int64_t occurred_at = 0;
  std::int64_t discovered_at = 0;
  std::optional<std::int64_t> ended_at;

  // What happened.
  std::string nature;  // "unauthorised disclosure by misaddressed e-mail"
  std::string description;
  std::string how_discovered;
  std::string cause;
  std::vector<std::string> recipients;  // "Display Name <address>" as the message had them
  std::string processors;

  // Whose data and what data (Art. 33(3)(a)).
  int data_subjects = 0;
  int records = 0;
  std::string subject_categories;            // free text: "residents", "pupils", ...
  std::vector<std::string> data_categories;  // detector categories: "identity_number", "health"
  bool special_categories = false;           // Art. 9/10 data involved
  bool encrypted = false;                    // S/MIME or OpenPGP content

  // Consequences and measures (Art. 33(3)(c)-(d)).
  std::string consequences;
  std::string severity;  // "", "low", "medium", "high"
  std::string measures_taken;
  std::string measures_planned;

  // Notification (Art. 33) and communication to the data subjects (Art. 34).
  std::optional<std::int64_t> notified_at;
  std::string authority_reference;
  std::string subjects_informed;  // "", "yes", "no"
  std::string subjects_informed_why;

  bool operator==(const Incident&) const = default;
};

// [incidents] in the config: what every record of this organisation says.
struct Organisation {
  std::string name;        // "Stockholms stad, Exempelstadsdelsförvaltningen"
  std::string contact;     // the DPO: name, e-mail, phone
  std::string processors;  // e.g. "Microsoft (Exchange Online)"

  bool operator==(const Organisation&) const = default;
};

enum class Role { viewer, dpo };
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

// A local account of the review UI. The hash is libsodium's argon2id string (gateway/review/
// password.hpp); the store never sees a password.
struct User {
  std::string name;
  Role role = Role::viewer;
  std::string password_hash;
  std::int64_t created_at = 0;

  bool operator==(const User&) const = default;
};

}  // namespace galguard::quarantine
