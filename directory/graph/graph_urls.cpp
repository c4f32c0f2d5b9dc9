// URL building for the Graph source.
#include "directory/graph/graph_urls.hpp"

#include "directory/files/graph_item.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {
namespace {

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string_view without_trailing_slash(std::string_view s) {
  while (!s.empty() && s.back() == '/')
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string query_escape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3 / 2);
  for (char c : value) {
    if (unreserved(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

std::string tenant_of_url(std::string_view url) {
  constexpr std::string_view scheme = "graph://";
  if (!url.starts_with(scheme)) throw rules::InputError(std::string(url), "not a graph:// URL");
  const std::string_view tenant = without_trailing_slash(url.substr(scheme.size()));
  if (tenant.empty())
    throw rules::InputError(std::string(url),
                            "no tenant: expected graph://TENANT (a tenant id or domain)");
  for (char c : tenant)
    if (!unreserved(c) || c == '~')
      throw rules::InputError(std::string(url),
                              "the tenant may only have letters, digits, '-', '.' and '_'");
  return std::string(tenant);
}

std::string token_url(const GraphOptions& options, std::string_view tenant) {
  return std::string(without_trailing_slash(options.authority)) + "/" + std::string(tenant) +
         "/oauth2/v2.0/token";
}

std::string token_scope(const GraphOptions& options) {
  return std::string(without_trailing_slash(options.graph)) + "/.default";
}

std::string_view collection_name(rules::EntryKind collection) {
  switch (collection) {
    case rules::EntryKind::user:
      return "users";
    case rules::EntryKind::contact:
      return "contacts";
    case rules::EntryKind::group:
      return "groups";
    default:
      return "";
  }
}

std::string collection_url(const GraphOptions& options, rules::EntryKind collection, bool delta) {
  std::string url = std::string(without_trailing_slash(options.graph)) + "/v1.0/" +
                    std::string(collection_name(collection));
  const std::string select = "$select=" + query_escape(files::graph_select(collection));
  if (delta) return url + "/delta?" + select;
  url += "?";
  if (collection == rules::EntryKind::group)
    url += "$filter=" + query_escape("mailEnabled eq true") + "&";
  return url + select + "&$top=999";
}

std::string url_path(std::string_view url) {
  std::size_t start = 0;
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
    start = url.find('/', scheme + 3);
    if (start == std::string_view::npos) return "/";
  }
  const auto end = url.find_first_of("?#", start);
  return std::string(url.substr(start, end == std::string_view::npos ? end : end - start));
}

bool is_below(std::string_view url, std::string_view base) {
  base = without_trailing_slash(base);
  if (!url.starts_with(base)) return false;
  return url.size() == base.size() || url[base.size()] == '/';
}

}  // namespace galguard::directory::graph
