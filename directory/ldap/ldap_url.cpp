// RFC 4516 URLs through libldap's own parser (percent-decoding, IPv6 literals, ldapi paths).
#include "directory/ldap/ldap_url.hpp"

#include <ldap.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

#include "rules/text/ascii.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::ldap {
namespace {

struct UrlDescFree {
  void operator()(LDAPURLDesc* d) const { ldap_free_urldesc(d); }
};

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == s.npos ? s.npos : end - start));
    if (end == s.npos) return parts;
    start = end + 1;
  }
}

std::string why_unparsable(int rc) {
  switch (rc) {
    case LDAP_URL_ERR_BADSCHEME:
      return "not an LDAP URL: expected ldap://, ldaps:// or ldapi://";
    case LDAP_URL_ERR_BADSCOPE:
      return "bad scope in the LDAP URL: expected base, one or sub";
    case LDAP_URL_ERR_BADFILTER:
      return "bad filter in the LDAP URL";
    case LDAP_URL_ERR_BADEXTS:
      return "bad extension in the LDAP URL";
    default:
      return "malformed LDAP URL (libldap error " + std::to_string(rc) + ")";
  }
}

}  // namespace

LdapUrl parse_ldap_url(const std::string& url) {
  LDAPURLDesc* raw = nullptr;
  if (const int rc = ldap_url_parse(url.c_str(), &raw); rc != LDAP_URL_SUCCESS)
    throw rules::InputError(url, why_unparsable(rc));
  const std::unique_ptr<LDAPURLDesc, UrlDescFree> desc(raw);

  LdapUrl out;
  out.scheme = rules::ascii_lower(desc->lud_scheme);
  if (desc->lud_dn) out.base_dn = desc->lud_dn;
  if (desc->lud_filter) out.filter = desc->lud_filter;

  // libldap fills in "base" for a missing scope; only an explicit one counts here.
  const std::string_view text(url);
  const std::size_t authority = text.find("://") + 3;
  const std::size_t path = text.find('/', authority);
  out.server = std::string(text.substr(0, path));
  const std::vector<std::string_view> fields =
      path == text.npos ? std::vector<std::string_view>{} : split(text.substr(path), '?');
  if (fields.size() > 2 && !fields[2].empty()) out.scope = desc->lud_scope;

  for (char** ext = desc->lud_exts; ext && *ext; ++ext) {
    std::string_view e(*ext);
    const bool critical = e.starts_with('!');
    if (critical) e.remove_prefix(1);
    const std::size_t eq = e.find('=');
    const std::string type = rules::ascii_lower(e.substr(0, eq));
    if (type == "bindname") {
      if (eq == e.npos || eq + 1 == e.size())
        throw rules::InputError(url, "bindname= needs a DN in the LDAP URL");
      out.bind_dn = std::string(e.substr(eq + 1));
    } else if (critical) {
      throw rules::InputError(url, "unsupported critical extension !" + type + " in the LDAP URL");
    }
  }

  // Extensions other than bindname may carry credentials ("x-bindpw="): leave them out.
  out.described = std::string(text.substr(0, path == text.npos ? text.size() : path));
  std::vector<std::string> shown(fields.begin(),
                                 fields.begin() + std::min<std::size_t>(fields.size(), 4));
  if (fields.size() > 4) {
    shown.resize(5);
    for (std::string_view e : split(fields[4], ',')) {
      const std::string_view type = e.starts_with('!') ? e.substr(1) : e;
      if (rules::ascii_lower(type.substr(0, type.find('='))) != "bindname") continue;
      if (!shown[4].empty()) shown[4] += ',';
      shown[4] += e;
    }
  }
  while (shown.size() > 1 && shown.back().empty())
    shown.pop_back();
  for (std::size_t i = 0; i < shown.size(); ++i)
    out.described += (i == 0 ? "" : "?") + shown[i];
  return out;
}

}  // namespace galguard::directory::ldap
