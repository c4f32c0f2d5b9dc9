// What an audit of the directory found, and how that differs from the last audit (drift).
// The JSON form (report_json.cpp) is what `galguard audit --json` prints and what
// `--previous REPORT` reads back. DESIGN.md §3, §7.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "rules/model/snapshot.hpp"
#include "rules/policy/severity.hpp"

namespace galguard::directory {

struct EntryRef {
  std::string id;
  std::string display_name;
  std::string address;
  std::string source;
};

struct AuditFinding {
  std::string code;
  rules::Severity severity = rules::Severity::none;
  EntryRef entry;
  std::vector<EntryRef> related;
  std::string explanation;
  // With a previous report: "new" (not in it) or "known"; "" without one.
  std::string drift;

  // Identifies "the same finding" across audits: code, entry id and related ids.
  std::string key() const;
};

// What drift compares: an entry's name and addresses at audit time.
struct EntryState {
  std::string display_name;
  std::vector<std::string> addresses;  // normalised
};

struct AuditReport {
  std::size_t entries = 0;
  std::vector<AuditFinding> findings;
  std::vector<AuditFinding> resolved;  // in the previous report, gone now
  bool has_previous = false;
  std::map<std::string, EntryState> state;  // by entry id
  // Entry id → the policy's [[allow_entry]] reason, for flagged entries the DPO has checked:
  // their findings are still listed, marked exempted, but mail to them is not held for the
  // flag and they do not count towards the exit status.
  std::map<std::string, std::string> exempted;

  // The exemption reason of a finding's entry, or null.
  const std::string* exemption(const AuditFinding& finding) const;
  rules::Severity highest() const;  // of the findings that are not exempted
};

}  // namespace galguard::directory
