// The findings of a held message, read back from its verdict_json (what `galguard check --json`
// printed when it was held). Tolerant: a missing member is an empty string, so an old or odd
// verdict still shows what it has.
#pragma once

#include <string>
#include <vector>

namespace galguard::review {

struct FindingView {
  std::string code;
  std::string severity;
  std::string header;
  std::string display_name;
  std::string address;
  std::vector<std::string> expected;
  std::string explanation;
};

// One attachment of the personal-data breakdown: names and counts, never content.
struct AttachmentView {
  std::string name;
  std::string type;
  bool inspected = false;
  std::string why;
  std::string identity_numbers;
  std::vector<std::string> categories;
};

struct VerdictView {
  std::string verdict;
  std::string severity;
  std::vector<FindingView> findings;
  std::vector<std::string> places;  // where personal data was found: "subject", "body", ...
  std::vector<AttachmentView> attachments;
  bool readable = true;  // false when verdict_json did not parse
};

VerdictView read_verdict(const std::string& verdict_json);

}  // namespace galguard::review
