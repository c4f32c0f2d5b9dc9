// Typing slips of the names that matter: the directory's function names (by entry) and the
// policy's protected names. Shared by the recipient checks and the directory audit.
#pragma once

#include <memory>
#include <string_view>

#include "rules/model/snapshot.hpp"
#include "rules/model/typo_index.hpp"
#include "rules/policy/policy.hpp"

namespace galguard::rules {

// The entries the policy takes for functions (Policy::looks_like_function), as a typo index by
// entry number. Built on first use for this snapshot and these role words, then kept.
std::shared_ptr<const TypoIndex> function_typos(const Snapshot& directory, const Policy& policy);

// The typo query of a normalised name; with `leading_words`, also its leading words as far as
// the policy's protected names need them. One per thread is kept: the checks of one recipient
// share it. The reference is valid until the next call on the same thread.
const TypoQuery& typo_query(std::string_view normalized, const Policy& policy, bool leading_words);

// "one letter", "two letters", or, for 0 edits, "only its accents".
std::string_view slip_size(int edits);

}  // namespace galguard::rules
