#include "directory/files/ldif_writer.hpp"

#include <cstdint>

#include "rules/text/base64.hpp"

namespace galguard::directory::files {
namespace {

// RFC 2849 SAFE-STRING: ASCII without NUL, CR, LF, not starting with space, ':' or '<', and (so
// that readers that trim keep it whole) not ending with a space.
bool is_safe(std::string_view value) {
  if (value.empty()) return true;
  if (value.front() == ' ' || value.front() == ':' || value.front() == '<' || value.back() == ' ')
    return false;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0 || u == '\r' || u == '\n' || u >= 0x80) return false;
  }
  return true;
}

void line(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  if (is_safe(value)) {
    out += ": ";
    out += value;
  } else {
    out += ":: ";
    out += rules::base64_encode(value);
  }
  out += '\n';
}

bool is_guid(std::string_view id) {
  if (id.size() != 36) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = id[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

// The objectClass that kind_of() in the LDIF mapping reads back, and for shared and room
// mailboxes the msExchRecipientTypeDetails that refines it (0: none).
std::pair<std::string_view, std::uint64_t> ad_class(rules::EntryKind kind) {
  switch (kind) {
    case rules::EntryKind::user:
      return {"user", 0};
    case rules::EntryKind::shared:
      return {"user", 4};  // SharedMailbox
    case rules::EntryKind::room:
      return {"user", 16};  // RoomMailbox
    case rules::EntryKind::contact:
      return {"contact", 0};
    case rules::EntryKind::group:
      return {"group", 0};
    case rules::EntryKind::other:
      break;
  }
  return {"publicFolder", 0};
}

// "2021-03-22T16:05:00Z" → "20210322160500.0Z" (GeneralizedTime); "" stays "".
std::string generalized_time(std::string_view iso) {
  std::string out;
  for (char c : iso)
    if (c >= '0' && c <= '9') out += c;
  if (out.size() != 14) return {};
  return out + ".0Z";
}

}  // namespace

std::string write_ldif(std::span<const rules::Entry> entries) {
  std::string out =
      "# galguard: last good directory snapshot (" + std::to_string(entries.size()) + " entries)\n";
  std::size_t n = 0;
  for (const rules::Entry& e : entries) {
    ++n;
    out += '\n';
    // Where the entry came from, for a human reading the file; the reader skips comments.
    if (!e.source.empty() && is_safe(e.source)) out += "# from " + e.source + "\n";
    // The mapping takes the id from objectGUID, else from the DN.
    const bool guid = is_guid(e.id);
    line(out, "dn", guid || e.id.empty() ? "CN=entry-" + std::to_string(n) + ",OU=galguard" : e.id);
    const auto [object_class, type_details] = ad_class(e.kind);
    line(out, "objectClass", "top");
    line(out, "objectClass", object_class);
    if (guid) line(out, "objectGUID", e.id);
    line(out, "displayName", e.display_name);
    if (!e.primary.empty()) line(out, "mail", e.primary);
    // Lower-case "smtp:" for all: the mail attribute names the primary.
    for (const auto& proxy : e.proxies)
      line(out, "proxyAddresses", "smtp:" + proxy);
    if (!e.target.empty()) line(out, "targetAddress", "SMTP:" + e.target);
    if (type_details != 0) line(out, "msExchRecipientTypeDetails", std::to_string(type_details));
    if (e.hidden) line(out, "msExchHideFromAddressLists", "TRUE");
    for (const auto& list : e.address_lists)
      line(out, "showInAddressBook", list);
    if (auto when = generalized_time(e.changed_at); !when.empty()) line(out, "whenChanged", when);
  }
  return out;
}

}  // namespace galguard::directory::files
