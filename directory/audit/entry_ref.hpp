#pragma once

#include "directory/audit/audit_report.hpp"

namespace galguard::directory {

EntryRef entry_ref(const rules::Snapshot& directory, rules::EntryIndex i);

}  // namespace galguard::directory
