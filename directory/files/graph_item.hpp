// One Microsoft Graph object (user, orgContact, group) → rules::Entry. Shared by the export-file
// parser (graph_json.cpp) and the live source (directory/graph/) so both read a tenant alike.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "rules/model/entry.hpp"

namespace galguard::directory::files {

// "#microsoft.graph.user" / ".orgContact" / ".group" → kind; nullopt for anything else.
std::optional<rules::EntryKind> graph_kind_from_odata_type(std::string_view type);
// A collection name ("users", "contacts", "orgContacts", "groups", also with a "(...)" or "/delta"
// tail as @odata.context has it) → kind.
std::optional<rules::EntryKind> graph_kind_from_collection(std::string_view name);

struct GraphItem {
  // nullopt: not in the address book (no address, a group that is not mail-enabled, a delta
  // "@removed" marker) or skipped for `error`.
  std::optional<rules::Entry> entry;
  std::string error;  // why the item was skipped ("\"mail\" is not a string; item skipped")
};

// `hint`: the kind of the collection the item came from, when known. The entry's source is left
// empty for the caller (a file place or a graph:// URL).
GraphItem map_graph_item(const nlohmann::json& item, std::optional<rules::EntryKind> hint);

// The properties map_graph_item reads from objects of a collection, comma-separated for $select:
// Graph returns proxyAddresses, userType and others only when asked.
std::string_view graph_select(rules::EntryKind collection);

}  // namespace galguard::directory::files
