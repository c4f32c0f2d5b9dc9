// Graph object → Entry: kind, guests, hidden, mail-enabled groups, proxy addresses, dates.
#include "directory/files/graph_item.hpp"

#include <nlohmann/json.hpp>

#include <vector>

#include "directory/files/mapping.hpp"
#include "rules/text/ascii.hpp"

namespace galguard::directory::files {
namespace {

using nlohmann::json;
using rules::EntryKind;

// Reads the fields of one item; remembers the first field that has the wrong JSON type.
class Fields {
 public:
  explicit Fields(const json& item) : item_(item) {}

  // Absent and null read as "".
  std::string text(const char* key) {
    auto it = item_.find(key);
    if (it == item_.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    wrong(key, "a string");
    return {};
  }
  std::optional<bool> flag(const char* key) {
    auto it = item_.find(key);
    if (it == item_.end() || it->is_null()) return std::nullopt;
    if (it->is_boolean()) return it->get<bool>();
    wrong(key, "true or false");
    return std::nullopt;
  }
  std::vector<std::string> texts(const char* key) {
    std::vector<std::string> out;
    auto it = item_.find(key);
    if (it == item_.end() || it->is_null()) return out;
    bool all_strings = it->is_array();
    if (all_strings) {
      for (const auto& v : *it) {
        if (!v.is_string()) {
          all_strings = false;
          break;
        }
        out.push_back(v.get<std::string>());
      }
    }
    if (all_strings) return out;
    wrong(key, "an array of strings");
    return {};
  }
  const std::string& error() const { return error_; }

 private:
  void wrong(const char* key, const char* want) {
    if (error_.empty()) error_ = std::string("\"") + key + "\" is not " + want;
  }
  const json& item_;
  std::string error_;
};

}  // namespace

std::optional<EntryKind> graph_kind_from_odata_type(std::string_view type) {
  if (type == "#microsoft.graph.user") return EntryKind::user;
  if (type == "#microsoft.graph.orgContact") return EntryKind::contact;
  if (type == "#microsoft.graph.group") return EntryKind::group;
  return std::nullopt;
}

std::optional<EntryKind> graph_kind_from_collection(std::string_view name) {
  if (name.starts_with("users")) return EntryKind::user;
  if (name.starts_with("contacts") || name.starts_with("orgContacts")) return EntryKind::contact;
  if (name.starts_with("groups")) return EntryKind::group;
  return std::nullopt;
}

std::string_view graph_select(EntryKind collection) {
  switch (collection) {
    case EntryKind::user:
      return "id,displayName,mail,proxyAddresses,userPrincipalName,userType,showInAddressList,"
             "onPremisesLastSyncDateTime,createdDateTime";
    case EntryKind::contact:
      return "id,displayName,mail,proxyAddresses,onPremisesLastSyncDateTime";
    case EntryKind::group:
      return "id,displayName,mail,proxyAddresses,mailEnabled,onPremisesLastSyncDateTime,"
             "createdDateTime";
    default:
      return "id,displayName,mail,proxyAddresses";
  }
}

GraphItem map_graph_item(const json& j, std::optional<EntryKind> hint) {
  if (!j.is_object()) return {std::nullopt, "item is not a JSON object; skipped"};
  if (j.contains("@removed")) return {};  // delta: the object is gone

  Fields f(j);
  std::optional<EntryKind> kind = graph_kind_from_odata_type(f.text("@odata.type"));
  if (!kind) kind = hint;
  if (!kind) {
    kind = j.contains("userPrincipalName")                         ? EntryKind::user
           : j.contains("mailEnabled") || j.contains("groupTypes") ? EntryKind::group
                                                                   : EntryKind::other;
  }

  rules::Entry e;
  e.kind = *kind;
  e.id = f.text("id");
  e.display_name = rules::ascii_trim(f.text("displayName"));
  e.primary = rules::ascii_trim(f.text("mail"));
  f.text("userPrincipalName");  // not used, but a malformed one means a malformed item
  const bool guest = rules::ascii_iequals(f.text("userType"), "Guest");
  std::string proxy_primary = add_proxy_addresses(e, f.texts("proxyAddresses"));
  const std::optional<bool> shown = f.flag("showInAddressList");
  const std::optional<bool> mail_enabled = f.flag("mailEnabled");
  for (const char* key : {"onPremisesLastSyncDateTime", "lastModifiedDateTime", "createdDateTime"})
    if (e.changed_at.empty()) e.changed_at = date_to_iso(f.text(key));
  if (!f.error().empty()) return {std::nullopt, f.error() + "; item skipped"};

  if (e.kind == EntryKind::group && mail_enabled == false) return {};  // not in the GAL
  // No fallback to the UPN: an account without a mailbox has one too, and is not in the GAL.
  if (e.primary.empty()) e.primary = std::move(proxy_primary);
  // Graph has no targetAddress: an orgContact's mail is where its mail goes.
  if (e.kind == EntryKind::contact) e.target = e.primary;
  // Not mail-enabled (a user without mailbox, a guest known only by its UPN): not in the GAL.
  if (has_no_address(e)) return {};

  if (guest) {
    e.kind = EntryKind::user;
    e.tenant = tenant_of_address(e.primary);
  }
  e.hidden = shown == false;
  return {std::move(e), {}};
}

}  // namespace galguard::directory::files
