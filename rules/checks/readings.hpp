// A display name can read in more than one way, and the name checks judge every reading: the
// name as stored and the order a reader sees behind bidi controls ("\u202E00933 kseD ecivreS"
// shows as "Service Desk 33900"). Each reading is a RecipientContext of its own, so the checks
// stay written for one name. (The skeleton taken before case folding is no reading of its own:
// it changes only what the name looks like, and the checks that compare looks read both
// skeletons of one reading, RecipientContext::alike and NamePattern::matches.)
#pragma once

#include <vector>

#include "rules/checks/check_table.hpp"

namespace galguard::rules::detail {

// Fills c.readings (and c.displayed) from c.name; nothing for most names.
void add_other_readings(RecipientContext& c);

// Runs `check` on the name as stored and, while it finds nothing, on each other reading: at
// most one reading's findings. A finding about the displayed order keeps the stored name in
// its display_name and says how the name is displayed.
void run_in_every_reading(CheckFn check, const RecipientContext& c, std::vector<Finding>& out);

// The same as a check function for the check table.
template <CheckFn Check>
void in_every_reading(const RecipientContext& c, std::vector<Finding>& out) {
  run_in_every_reading(Check, c, out);
}

}  // namespace galguard::rules::detail
