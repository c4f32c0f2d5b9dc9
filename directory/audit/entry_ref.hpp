#pragma once

#include <string>
#include <vector>

#include "directory/audit/audit_report.hpp"

namespace galguard::directory {

EntryRef entry_ref(const rules::Snapshot& directory, rules::EntryIndex i);

// The entries as an explanation names them: "\"Name\" <address>, \"Name\" <address>".
std::string names_of(const std::vector<EntryRef>& refs);

}  // namespace galguard::directory
