// parse_policy: policy TOML → Policy. Every problem is an InputError with "FILE:LINE" and the
// key at fault; unknown keys are errors too, so a typo cannot silently disable a rule.
#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "rules/policy/policy.hpp"
#include "rules/policy/toml_words.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

constexpr std::array<std::string_view, 6> kTopKeys = {
    "organisation", "protected_name", "actions", "allow_entry", "flagged_entries", "attachments"};
constexpr std::array<std::string_view, 1> kAttachmentsKeys = {"not_inspected_external"};
constexpr std::array<std::string_view, 2> kAllowEntryKeys = {"address", "reason"};
constexpr std::array<std::string_view, 1> kFlaggedEntriesKeys = {"codes"};
constexpr std::array<std::string_view, 5> kOrganisationKeys = {
    "name", "internal_domains", "untrusted_domains", "processors", "role_words"};
constexpr std::array<std::string_view, 2> kProtectedNameKeys = {"pattern", "allow"};
constexpr std::array<std::string_view, 5> kSeverityKeys = {"none", "low", "medium", "high",
                                                           "critical"};

// Carries the file name into every error.
class Reader {
 public:
  explicit Reader(const std::string& file_name)
      : file_(file_name.empty() ? std::string("policy") : file_name) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& message) const {
    if (where.begin.line == 0) throw InputError(file_, message);
    throw InputError(fmt::format("{}:{}", file_, where.begin.line), message);
  }

  template <size_t N>
  void check_keys(const toml::table& table, const std::array<std::string_view, N>& known,
                  std::string_view where) const {
    for (auto&& [key, value] : table) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      fail(key.source(),
           fmt::format("unknown key \"{}\" in {}{}", key.str(), where,
                       did_you_mean(key.str(), std::span<const std::string_view>(known))));
    }
  }

  const toml::table& table(const toml::node& node, std::string_view what) const {
    if (const auto* t = node.as_table()) return *t;
    fail(node.source(), fmt::format("{}: expected a table, got {}", what, toml_type_name(node)));
  }

  std::string string(const toml::node& node, std::string_view what) const {
    const auto* s = node.as_string();
    if (!s)
      fail(node.source(), fmt::format("{}: expected a string, got {}", what, toml_type_name(node)));
    return s->get();
  }

  // Each element of a string array, handed to `each` with its node (for the line) and number.
  template <typename F>
  void strings(const toml::node& node, std::string_view what, F each) const {
    const auto* array = node.as_array();
    if (!array)
      fail(node.source(),
           fmt::format("{}: expected an array of strings, got {}", what, toml_type_name(node)));
    size_t number = 0;
    for (const toml::node& item : *array) {
      ++number;
      const auto* s = item.as_string();
      if (!s)
        fail(item.source(), fmt::format("{} item {}: expected a string, got {}", what, number,
                                        toml_type_name(item)));
      if (s->get().empty()) fail(item.source(), fmt::format("{} item {}: empty", what, number));
      each(item, s->get(), number);
    }
  }

 private:
  std::string file_;
};

// A domain glob: Unicode form (IDNA decoded, folded), no white space, no '@'.
std::vector<std::string> read_domains(const Reader& r, const toml::node& node,
                                      std::string_view what) {
  std::vector<std::string> out;
  r.strings(node, what, [&](const toml::node& item, const std::string& text, size_t number) {
    if (text.find('@') != std::string::npos)
      r.fail(item.source(), fmt::format("{} item {}: \"{}\" is an address; expected a domain "
                                        "such as \"example.se\" or \"*.example.se\"",
                                        what, number, text));
    if (text.find_first_of(" \t") != std::string::npos)
      r.fail(item.source(),
             fmt::format("{} item {}: \"{}\" contains white space", what, number, text));
    out.push_back(domain_to_unicode(text));
  });
  return out;
}

void read_organisation(const Reader& r, const toml::node& node, Policy& policy) {
  const toml::table& org = r.table(node, "[organisation]");
  r.check_keys(org, kOrganisationKeys, "[organisation]");
  if (const auto* n = org.get("name")) policy.organisation = r.string(*n, "[organisation] name");
  if (const auto* n = org.get("internal_domains"))
    policy.internal_domains = read_domains(r, *n, "[organisation] internal_domains");
  if (const auto* n = org.get("untrusted_domains"))
    policy.untrusted_domains = read_domains(r, *n, "[organisation] untrusted_domains");
  if (const auto* n = org.get("processors"))
    r.strings(*n, "[organisation] processors",
              [&](const toml::node&, const std::string& text, size_t) {
                policy.processors.push_back(text);
              });
  if (const auto* n = org.get("role_words")) {
    policy.role_words.clear();  // given words replace the defaults
    r.strings(*n, "[organisation] role_words",
              [&](const toml::node& item, const std::string& text, size_t number) {
                std::string word = normalize(text);
                if (word.empty())
                  r.fail(item.source(),
                         fmt::format("[organisation] role_words item {}: empty", number));
                policy.role_words.push_back(std::move(word));
              });
  }
}

// An allow entry: an address, or a glob with '*' over the address ("*@example.se").
std::string read_allow_entry(const Reader& r, const toml::node& item, const std::string& text,
                             std::string_view what) {
  const size_t at = text.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size())
    r.fail(item.source(), fmt::format("{}: \"{}\" is not an address; expected an address or a "
                                      "glob such as \"*@example.se\"",
                                      what, text));
  std::string normalized = normalize_address(text);
  if (normalized.empty() || normalized.find_first_of(" \t") != std::string::npos)
    r.fail(item.source(), fmt::format("{}: \"{}\" is not an address", what, text));
  return normalized;
}

void read_protected_names(const Reader& r, const toml::node& node, Policy& policy) {
  const auto* array = node.as_array();
  if (!array)
    r.fail(node.source(), fmt::format("protected_name: expected [[protected_name]] tables, got {}",
                                      toml_type_name(node)));
  size_t number = 0;
  for (const toml::node& element : *array) {
    ++number;
    const std::string where = fmt::format("[[protected_name]] #{}", number);
    const toml::table& rule = r.table(element, where);
    r.check_keys(rule, kProtectedNameKeys, where);
    const toml::node* pattern_node = rule.get("pattern");
    if (!pattern_node) r.fail(rule.source(), where + ": missing key \"pattern\"");
    const std::string pattern = r.string(*pattern_node, where + " pattern");
    std::optional<NamePattern> compiled;
    try {
      compiled.emplace(pattern);
    } catch (const std::invalid_argument& e) {
      r.fail(pattern_node->source(), fmt::format("{} pattern: {}", where, e.what()));
    }
    ProtectedName rule_out{std::move(*compiled), {}, static_cast<int>(rule.source().begin.line)};
    // No allow list means nothing is allowed: every match is a finding (fail closed).
    if (const auto* allow = rule.get("allow"))
      r.strings(*allow, where + " allow",
                [&](const toml::node& item, const std::string& text, size_t n) {
                  rule_out.allow.push_back(
                      read_allow_entry(r, item, text, fmt::format("{} allow item {}", where, n)));
                });
    policy.protected_names.push_back(std::move(rule_out));
  }
}

// [[allow_entry]]: an entry the DPO checked. Both keys are required: an exemption without a
// reason is not one a DPO can defend later.
void read_allowed_entries(const Reader& r, const toml::node& node, Policy& policy) {
  const auto* array = node.as_array();
  if (!array)
    r.fail(node.source(), fmt::format("allow_entry: expected [[allow_entry]] tables, got {}",
                                      toml_type_name(node)));
  size_t number = 0;
  for (const toml::node& element : *array) {
    ++number;
    const std::string where = fmt::format("[[allow_entry]] #{}", number);
    const toml::table& table = r.table(element, where);
    r.check_keys(table, kAllowEntryKeys, where);
    const toml::node* address = table.get("address");
    const toml::node* reason = table.get("reason");
    if (!address) r.fail(table.source(), where + ": missing key \"address\"");
    if (!reason) r.fail(table.source(), where + ": missing key \"reason\" (why the entry is fine)");
    AllowedEntry allowed;
    const std::string text = r.string(*address, where + " address");
    allowed.address = normalize_address(text);
    if (allowed.address.empty() || text.find('*') != std::string::npos)
      r.fail(address->source(),
             fmt::format("{} address: \"{}\" is not one address (no globs here)", where, text));
    allowed.reason = r.string(*reason, where + " reason");
    if (allowed.reason.find_first_not_of(" \t") == std::string::npos)
      r.fail(reason->source(), where + " reason: empty");
    allowed.line = static_cast<int>(table.source().begin.line);
    policy.allowed_entries.push_back(std::move(allowed));
  }
}

void read_flagged_entries(const Reader& r, const toml::node& node, Policy& policy) {
  const toml::table& table = r.table(node, "[flagged_entries]");
  r.check_keys(table, kFlaggedEntriesKeys, "[flagged_entries]");
  const toml::node* codes = table.get("codes");
  if (!codes) return;
  policy.flagged_entry_codes.clear();
  policy.flagged_entry_codes_line = static_cast<int>(codes->source().begin.line);
  r.strings(*codes, "[flagged_entries] codes",
            [&](const toml::node&, const std::string& text, size_t) {
              policy.flagged_entry_codes.push_back(text);
            });
}

void read_attachments(const Reader& r, const toml::node& node, Policy& policy) {
  const toml::table& table = r.table(node, "[attachments]");
  r.check_keys(table, kAttachmentsKeys, "[attachments]");
  const toml::node* value = table.get("not_inspected_external");
  if (!value) return;
  const std::string text = r.string(*value, "[attachments] not_inspected_external");
  const std::optional<Severity> severity = parse_severity(text);
  if (!severity || *severity == Severity::critical)
    r.fail(value->source(),
           fmt::format("[attachments] not_inspected_external = \"{}\": expected none (off), low, "
                       "medium or high",
                       text));
  policy.attachment_not_inspected_external = *severity;
}

// Given severities override the defaults one by one; critical, unless given, follows high.
void read_actions(const Reader& r, const toml::node& node, Policy& policy) {
  const toml::table& actions = r.table(node, "[actions]");
  for (auto&& [key, value] : actions) {
    const std::optional<Severity> severity = parse_severity(key.str());
    if (!severity)
      r.fail(
          key.source(),
          fmt::format("[actions] unknown severity \"{}\": expected none, low, medium, high or "
                      "critical{}",
                      key.str(),
                      did_you_mean(key.str(), std::span<const std::string_view>(kSeverityKeys))));
    const std::string text = r.string(value, fmt::format("[actions] {}", key.str()));
    const std::optional<Action> action = parse_action(text);
    if (!action)
      r.fail(value.source(), fmt::format("[actions] {} = \"{}\": expected pass, quarantine or "
                                         "reject",
                                         key.str(), text));
    if (*severity == Severity::none && *action != Action::pass)
      r.fail(value.source(), fmt::format("[actions] none = \"{}\": none is always pass", text));
    policy.actions[*severity] = *action;
  }
}

}  // namespace

Policy parse_policy(std::string_view toml_text, const std::string& file_name) {
  const Reader r(file_name);
  toml::table doc;
  try {
    doc = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& e) {
    r.fail(e.source(), std::string(e.description()));
  }
  for (auto&& [key, value] : doc) {
    if (std::find(kTopKeys.begin(), kTopKeys.end(), key.str()) != kTopKeys.end()) continue;
    r.fail(key.source(),
           fmt::format("unknown table or key \"{}\"{}; expected [organisation], "
                       "[[protected_name]], [actions], [[allow_entry]], [flagged_entries] or "
                       "[attachments]",
                       key.str(),
                       did_you_mean(key.str(), std::span<const std::string_view>(kTopKeys))));
  }
  Policy policy = default_policy();
  if (const auto* n = doc.get("organisation")) read_organisation(r, *n, policy);
  if (const auto* n = doc.get("protected_name")) read_protected_names(r, *n, policy);
  if (const auto* n = doc.get("actions")) read_actions(r, *n, policy);
  if (const auto* n = doc.get("allow_entry")) read_allowed_entries(r, *n, policy);
  if (const auto* n = doc.get("flagged_entries")) read_flagged_entries(r, *n, policy);
  if (const auto* n = doc.get("attachments")) read_attachments(r, *n, policy);
  return policy;
}

}  // namespace galguard::rules
