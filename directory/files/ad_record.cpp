// AD/Exchange attributes → rules::Entry, shared by the LDIF parser and the LDAP source.
#include "directory/files/ad_record.hpp"

#include <charconv>

#include "directory/files/mapping.hpp"
#include "rules/text/ascii.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::directory::files {
namespace {

const LdifValue* first(const LdifRecord& r, std::string_view name) {
  for (const auto& v : r.values)
    if (v.name == name) return &v;
  return nullptr;
}

std::vector<std::string> all(const LdifRecord& r, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& v : r.values)
    if (v.name == name) out.push_back(v.value);
  return out;
}

// The first non-empty of displayName, cn, name.
const LdifValue* display_name(const LdifRecord& r) {
  for (std::string_view name : {"displayname", "cn", "name"})
    for (const auto& v : r.values)
      if (v.name == name && !rules::ascii_trim(v.value).empty()) return &v;
  return nullptr;
}

rules::EntryKind kind_of(const LdifRecord& r) {
  bool contact = false, group = false, user = false, other = false;
  for (const auto& v : r.values) {
    if (v.name != "objectclass") continue;
    const std::string oc = rules::ascii_lower(rules::ascii_trim(v.value));
    contact |= oc == "contact";
    group |= oc == "group" || oc == "msexchdynamicdistributionlist";
    user |= oc == "user" || oc == "person" || oc == "inetorgperson";
    other |= oc == "publicfolder";
  }
  // A contact is also a person, so the narrower class decides.
  rules::EntryKind kind = contact ? rules::EntryKind::contact
                          : group ? rules::EntryKind::group
                          : other ? rules::EntryKind::other
                          : user  ? rules::EntryKind::user
                                  : rules::EntryKind::other;
  if (const LdifValue* details = first(r, "msexchrecipienttypedetails")) {
    const std::string_view text = rules::ascii_trim(details->value);
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size())
      if (auto refined = kind_from_type_details(n)) kind = *refined;
  }
  return kind;
}

std::string id_of(const LdifRecord& r) {
  if (const LdifValue* guid = first(r, "objectguid")) {
    if (std::string id = guid_from_ad_bytes(guid->value); !id.empty()) return id;
    // Some tools write the GUID as text: "{6f9619ff-8b86-d011-b42d-00c04fc964ff}".
    std::string_view text = rules::ascii_trim(guid->value);
    if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
    if (text.size() == 36 && text.find_first_not_of("0123456789abcdefABCDEF-") == text.npos)
      return rules::ascii_lower(text);
  }
  return r.dn;
}

// Values that end up in the entry as text must be UTF-8; the first that is not, or nullptr.
const LdifValue* first_bad_text(const LdifRecord& r, const LdifValue* name) {
  if (name && !rules::is_valid_utf8(name->value)) return name;
  for (const auto& v : r.values) {
    if (v.name != "mail" && v.name != "proxyaddresses" && v.name != "targetaddress" &&
        v.name != "showinaddressbook")
      continue;
    if (!rules::is_valid_utf8(v.value)) return &v;
  }
  return nullptr;
}

}  // namespace

void map_ad_record(const LdifRecord& r, const PlaceOf& place_of, ParsedEntries& out) {
  const LdifValue* name = display_name(r);
  if (const LdifValue* bad = first_bad_text(r, name))
    return out.diagnostics.push_back(
        {place_of(bad->line), bad->name + " is not valid UTF-8; record skipped"});
  if (!rules::is_valid_utf8(r.dn))
    return out.diagnostics.push_back(
        {place_of(r.dn_line), "dn is not valid UTF-8; record skipped"});

  rules::Entry e;
  if (name) e.display_name = rules::ascii_trim(name->value);
  if (const LdifValue* mail = first(r, "mail")) e.primary = rules::ascii_trim(mail->value);
  std::string proxy_primary = add_proxy_addresses(e, all(r, "proxyaddresses"));
  if (e.primary.empty()) e.primary = std::move(proxy_primary);
  if (const LdifValue* target = first(r, "targetaddress")) e.target = smtp_target(target->value);
  if (has_no_address(e)) return;  // not in the GAL

  e.id = id_of(r);
  e.kind = kind_of(r);
  if (const LdifValue* hide = first(r, "msexchhidefromaddresslists"))
    e.hidden = rules::ascii_iequals(rules::ascii_trim(hide->value), "TRUE");
  e.address_lists = all(r, "showinaddressbook");
  if (const LdifValue* changed = first(r, "whenchanged"))
    e.changed_at = generalized_time_to_iso(changed->value);
  e.source = place_of(r.dn_line);
  out.entries.push_back(std::move(e));
}

}  // namespace galguard::directory::files
