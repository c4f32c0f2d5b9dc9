#include "rules/checks/function_typos.hpp"

#include <string>

#include "rules/text/normalize.hpp"

namespace galguard::rules {

std::shared_ptr<const TypoIndex> function_typos(const Snapshot& directory, const Policy& policy) {
  return directory.typo_index(policy.role_words, [&] {
    // Only function names go in: they are few, and a personal name one letter from another is
    // another person ("Andersson, Anne" is not "Andersson, Anna").
    TypoIndex index;
    for (EntryIndex i = 0; i < directory.size(); ++i) {
      NameForms forms = name_forms(directory.entry(i).display_name);
      if (!forms.normalized.empty() && policy.looks_like_function(forms))
        index.add(i, forms.normalized);
    }
    index.build();
    return index;
  });
}

const TypoQuery& typo_query(std::string_view normalized, const Policy& policy, bool leading_words) {
  struct Last {
    std::string name;
    TypoQuery query{""};
  };
  thread_local Last last;
  if (last.name != normalized) {
    last.query.reset(normalized);
    last.name = normalized;
  }
  if (leading_words) {
    std::size_t letters = 0;
    for (const auto& rule : policy.protected_names)
      letters = std::max(letters, rule.pattern.typo_prefix_letters());
    last.query.add_leading_words(letters);
  }
  return last.query;
}

std::string_view slip_size(int edits) {
  if (edits <= 0) return "only its accents";
  return edits == 1 ? "one letter" : "two letters";
}

}  // namespace galguard::rules
