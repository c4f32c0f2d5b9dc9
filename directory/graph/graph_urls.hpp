// The URLs the Graph source talks to, and how they are named in messages. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "directory/graph/graph_options.hpp"
#include "rules/model/entry.hpp"

namespace galguard::directory::graph {

// Percent-encodes everything but RFC 3986 unreserved characters, for query values.
std::string query_escape(std::string_view value);

// "graph://contoso.onmicrosoft.com" → "contoso.onmicrosoft.com" (a trailing "/" allowed).
// Throws rules::InputError(url, ...) when the tenant is missing or has characters no tenant id or
// domain has: it becomes part of the token URL.
std::string tenant_of_url(std::string_view url);

// {authority}/{tenant}/oauth2/v2.0/token, without a doubled "/" when authority ends in one.
std::string token_url(const GraphOptions& options, std::string_view tenant);
// {graph}/.default: the application permissions granted to the app, for scope=.
std::string token_scope(const GraphOptions& options);

// The collections read, in this order.
inline constexpr rules::EntryKind kCollections[] = {
    rules::EntryKind::user, rules::EntryKind::contact, rules::EntryKind::group};
std::string_view collection_name(rules::EntryKind collection);  // "users", "contacts", "groups"

// The first page of a collection: /v1.0/users?$select=...&$top=999, groups with
// $filter=mailEnabled eq true; with `delta`, /v1.0/users/delta?$select=... (delta takes neither
// $top nor that $filter).
std::string collection_url(const GraphOptions& options, rules::EntryKind collection, bool delta);

// "https://graph.microsoft.com/v1.0/users?$skiptoken=X" → "/v1.0/users": short, and without the
// skip and delta tokens, for messages.
std::string url_path(std::string_view url);

// True when `url` is `base` itself or below it. nextLinks and deltaLinks come from the server;
// the bearer token must not follow one to another host.
bool is_below(std::string_view url, std::string_view base);

}  // namespace galguard::directory::graph
