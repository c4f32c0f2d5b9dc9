// The organisation's policy (TOML, samples/policy.toml): which domains are ours, which are
// untrusted for staff, which names are protected and where they may point, and what each
// severity does. DESIGN.md §3 "Policy".
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/model/typo_index.hpp"
#include "rules/policy/severity.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {

// A glob compiled once (for patterns matched on every message).
class Glob {
 public:
  explicit Glob(std::string_view pattern);
  ~Glob();
  Glob(Glob&&) noexcept;
  Glob& operator=(Glob&&) noexcept;
  bool matches(std::string_view text) const;

 private:
  struct Compiled;
  std::string pattern_;
  std::uint8_t shape_ = 0;              // what the pattern needs, worked out once
  std::unique_ptr<Compiled> compiled_;  // null for plain and star-only patterns
};

// Globs matched on every message (domains, allowed addresses): the texts as written, for
// reports, and each compiled once, so that a verdict never reads a pattern again.
class GlobList {
 public:
  GlobList() = default;
  GlobList(std::vector<std::string> globs);  // NOLINT: a list of globs is a GlobList
  GlobList(std::initializer_list<std::string> globs) : GlobList(std::vector<std::string>(globs)) {}

  void push_back(std::string glob);
  // True when any glob matches the (already normalised) text.
  bool any_matches(std::string_view text) const;

  const std::vector<std::string>& texts() const { return texts_; }
  operator const std::vector<std::string>&() const { return texts_; }  // NOLINT
  auto begin() const { return texts_.begin(); }
  auto end() const { return texts_.end(); }
  std::size_t size() const { return texts_.size(); }
  bool empty() const { return texts_.empty(); }
  friend bool operator==(const GlobList& a, const std::vector<std::string>& b) {
    return a.texts_ == b;
  }

 private:
  std::vector<std::string> texts_;
  std::vector<Glob> compiled_;
};

// A compiled protected-name pattern: a name glob, or "re:" + ICU regular expression.
class NamePattern {
 public:
  // Throws std::invalid_argument with a readable reason when the pattern does not compile.
  explicit NamePattern(std::string_view pattern);
  ~NamePattern();
  NamePattern(NamePattern&&) noexcept;
  NamePattern& operator=(NamePattern&&) noexcept;

  // Matched against the normalised name and against its skeleton (a Cyrillic "Servicе Desk"
  // is caught too). A glob is also matched, case kept, against the skeleton of the name as
  // written: "IT-samordnare*" written with its capital I catches "lT-samordnare" (capital I and
  // lowercase l meet only there; a pattern written in lowercase cannot know the I).
  // `display_name` is raw, as decoded from the header or directory.
  bool matches(std::string_view display_name) const;
  bool matches(const NameForms& name) const;  // the forms already computed (hot path)
  const std::string& text() const { return text_; }

  // A name that is a typing slip of the pattern's literal form ("Servce Desk" of "service
  // ?desk*"): that form and the edits. Only a glob whose one '*' ends it and a regex
  // "^(word|word ...)" have literal forms; any other pattern matches exactly only.
  struct Slip {
    std::string literal;  // normalised: "service desk"
    int edits = 0;        // 0 = only diacritics differ
  };
  std::optional<Slip> typo_of(const TypoQuery& name) const;
  // How many letters of a name's leading words typo_of needs (0: the whole name only).
  std::size_t typo_prefix_letters() const;

 private:
  struct Impl;
  std::string text_;
  std::unique_ptr<Impl> impl_;
};

struct ProtectedName {
  NamePattern pattern;
  GlobList allow;  // normalised addresses or globs like "*@stockholm.se"
  int line = 0;    // where it stands in the policy file

  // True when the normalised address is one of `allow` (exact or glob).
  bool allows(std::string_view normalized_address) const;
};

// An entry the DPO has checked and allows although the audit flags it: mail to its addresses is
// not held for the flag alone ([[allow_entry]]; the audit still lists it, as exempted).
struct AllowedEntry {
  std::string address;  // normalised
  std::string reason;
  int line = 0;
};

struct Policy {
  std::string organisation;
  GlobList internal_domains;   // globs, normalised (Unicode, folded)
  GlobList untrusted_domains;  // globs
  std::vector<std::string> processors;
  std::vector<std::string> role_words;  // normalised; defaults cover sv/da/nb/en
  std::vector<ProtectedName> protected_names;
  std::map<Severity, Action> actions;
  std::vector<AllowedEntry> allowed_entries;
  // Audit codes whose entries' addresses get flagged-entry-address ([flagged_entries] codes);
  // checked against the audit catalog when the gateway builds its flags (directory/).
  std::vector<std::string> flagged_entry_codes = {"entry-role-name-foreign-address",
                                                  "entry-lookalike-name"};
  int flagged_entry_codes_line = 0;  // where [flagged_entries] codes stands, 0 = default
  // [attachments] not_inspected_external: an attachment that could not be inspected, in mail to
  // a recipient outside the internal domains, is a finding of this severity (none = off).
  Severity attachment_not_inspected_external = Severity::none;

  bool is_internal(std::string_view domain) const;   // domain already normalised
  bool is_untrusted(std::string_view domain) const;  // not when also internal
  // The [[allow_entry]] for a normalised address, or null.
  const AllowedEntry* allowed_entry(std::string_view normalized_address) const;
  // One of role_words among the name's words (a phrase of several words in a row); digits
  // alone never make a name a function.
  bool looks_like_function(std::string_view display_name) const;
  bool looks_like_function(const NameForms& name) const;
  // Severity → action; unmapped severities take the action of the next lower mapped one,
  // critical falls back to high's; none is always pass.
  Action action_for(Severity s) const;
};

// The built-in role words (sv, da, nb, en), normalised.
const std::vector<std::string>& default_role_words();

// A policy with no organisation data and the default actions (high/medium → quarantine, low →
// pass).
Policy default_policy();

// Parses TOML text. Throws rules::InputError with place "FILE:LINE" and the key at fault
// (syntax error, unknown key, wrong type, bad glob/regex, unknown severity or action).
Policy parse_policy(std::string_view toml_text, const std::string& file_name);

// Glob for names, domains and addresses: '*' any run, '?' at most one character, a space any
// run of white space including none ("service ?desk*" covers "Service Desk", "ServiceDesk",
// "Service-Desk"). Both sides are compared as given (callers normalise first).
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace galguard::rules
