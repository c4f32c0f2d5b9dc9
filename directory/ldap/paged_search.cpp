// The paged search loop, entry decoding and range retrieval against a live server.
#include "directory/ldap/paged_search.hpp"

#include <sys/time.h>

#include <array>
#include <vector>

#include "directory/ldap/ldap_handles.hpp"
#include "directory/ldap/range_retrieval.hpp"
#include "rules/text/ascii.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::ldap {
namespace {

// What the AD mapping reads (directory/files/ad_record.cpp), nothing more.
constexpr std::array kAttributes = {"displayName",
                                    "cn",
                                    "name",
                                    "mail",
                                    "proxyAddresses",
                                    "targetAddress",
                                    "objectClass",
                                    "msExchRecipientTypeDetails",
                                    "showInAddressBook",
                                    "msExchHideFromAddressLists",
                                    "whenChanged",
                                    "objectGUID",
                                    "mailNickname"};

bool connection_lost(int rc) {
  return rc == LDAP_SERVER_DOWN || rc == LDAP_CONNECT_ERROR || rc == LDAP_TIMEOUT;
}

// The cookie a page's result carries: empty when that was the last page.
class Cookie {
 public:
  Cookie() = default;
  ~Cookie() { ber_memfree(value_.bv_val); }
  Cookie(const Cookie&) = delete;
  Cookie& operator=(const Cookie&) = delete;
  berval* get() { return &value_; }
  bool empty() const { return value_.bv_len == 0; }
  void take_from(LDAP* ld, LDAPControl** server_controls) {
    ber_memfree(value_.bv_val);
    value_ = {0, nullptr};
    LDAPControl* control = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, server_controls, nullptr);
    ber_int_t estimate = 0;
    if (control) ldap_parse_pageresponse_control(ld, control, &estimate, &value_);
  }

 private:
  berval value_{0, nullptr};
};

class Search {
 public:
  Search(const Connection& connection, std::chrono::seconds timeout)
      : c_(connection), timeout_{static_cast<time_t>(timeout.count()), 0} {}

  Message run(const std::string& base, int scope, const std::string& filter,
              const std::vector<const char*>& attributes, LDAPControl** controls, int& rc) const {
    std::vector<char*> attrs;
    for (const char* a : attributes)
      attrs.push_back(const_cast<char*>(a));
    attrs.push_back(nullptr);
    LDAPMessage* result = nullptr;
    timeval timeout = timeout_;
    rc = ldap_search_ext_s(c_.handle(), base.c_str(), scope, filter.c_str(), attrs.data(), 0,
                           controls, nullptr, &timeout, LDAP_NO_LIMIT, &result);
    return Message(result);
  }

  // The rest of a ranged attribute, one base-scope read per chunk.
  RangeChunk fetch_range(const std::string& dn, const std::string& request) const {
    int rc = LDAP_SUCCESS;
    Message result = run(dn, LDAP_SCOPE_BASE, "(objectClass=*)", {request.c_str()}, nullptr, rc);
    if (rc != LDAP_SUCCESS)
      c_.fail("range retrieval of " + request + " for " + dn +
              " failed: " + result_text(c_.handle(), rc));
    RangeChunk chunk;
    LDAPMessage* entry = ldap_first_entry(c_.handle(), result.get());
    if (!entry) return chunk;
    BerElement* raw_ber = nullptr;
    for (LdapString name(ldap_first_attribute(c_.handle(), entry, &raw_ber)); name;
         name.reset(ldap_next_attribute(c_.handle(), entry, raw_ber))) {
      chunk.description = name.get();
      chunk.values = values(entry, name.get());
    }
    Ber ber(raw_ber);
    return chunk;
  }

  std::vector<std::string> values(LDAPMessage* entry, const char* name) const {
    std::vector<std::string> out;
    Values values(ldap_get_values_len(c_.handle(), entry, name));
    for (berval** v = values.get(); v && *v; ++v)
      out.emplace_back((*v)->bv_val, (*v)->bv_len);
    return out;
  }

  files::LdifRecord record(LDAPMessage* entry) const {
    files::LdifRecord r;
    LdapString dn(ldap_get_dn(c_.handle(), entry));
    if (dn) r.dn = dn.get();
    BerElement* raw_ber = nullptr;
    for (LdapString name(ldap_first_attribute(c_.handle(), entry, &raw_ber)); name;
         name.reset(ldap_next_attribute(c_.handle(), entry, raw_ber))) {
      std::vector<std::string> got = values(entry, name.get());
      const auto description = parse_attribute_description(name.get());
      if (!description) continue;  // a malformed range option: nothing sane to ask for next
      if (description->ranged()) {
        std::vector<std::string> rest;
        try {
          rest = fetch_remaining_values(
              *description, [&](const std::string& request) { return fetch_range(r.dn, request); });
        } catch (const std::runtime_error& e) {
          if (dynamic_cast<const rules::InputError*>(&e)) throw;
          c_.fail(std::string(e.what()) + " (" + r.dn + ")");
        }
        got.insert(got.end(), rest.begin(), rest.end());
      }
      const std::string type = rules::ascii_lower(description->type);
      for (auto& v : got)
        r.values.push_back({type, std::move(v), 0});
    }
    Ber ber(raw_ber);
    return r;
  }

 private:
  const Connection& c_;
  timeval timeout_;
};

}  // namespace

std::string default_base(const Connection& connection, std::chrono::seconds timeout) {
  const Search search(connection, timeout);
  int rc = LDAP_SUCCESS;
  Message result = search.run("", LDAP_SCOPE_BASE, "(objectClass=*)",
                              {"defaultNamingContext", "namingContexts"}, nullptr, rc);
  if (rc != LDAP_SUCCESS)
    connection.fail("cannot read the rootDSE for a base DN: " +
                    result_text(connection.handle(), rc) + "; set base_dn");
  if (LDAPMessage* entry = ldap_first_entry(connection.handle(), result.get()))
    for (const char* name : {"defaultNamingContext", "namingContexts"})
      if (auto values = search.values(entry, name); !values.empty()) return values.front();
  connection.fail("the server names no naming context: set base_dn");
}

void paged_search(const Connection& connection, const SearchRequest& request,
                  const std::function<void(files::LdifRecord&)>& on_record,
                  const std::function<void(const LoadProgress&)>& on_page) {
  LDAP* ld = connection.handle();
  const Search search(connection, request.timeout);
  const std::vector<const char*> attributes(kAttributes.begin(), kAttributes.end());
  LoadProgress progress;
  Cookie cookie;
  do {
    LDAPControl* raw_control = nullptr;
    if (const int rc =
            ldap_create_page_control(ld, request.page_size, cookie.get(), 1, &raw_control);
        rc != LDAP_SUCCESS)
      connection.fail("cannot make the paged results control: " + result_text(ld, rc));
    const Control page_control(raw_control);
    std::array<LDAPControl*, 2> controls{raw_control, nullptr};

    int rc = LDAP_SUCCESS;
    Message result =
        search.run(request.base, request.scope, request.filter, attributes, controls.data(), rc);
    if (connection_lost(rc))
      connection.fail("connection lost after " + std::to_string(progress.entries) +
                      " entries (page " + std::to_string(progress.pages + 1) +
                      "): " + result_text(ld, rc));
    if (rc == LDAP_SIZELIMIT_EXCEEDED)
      connection.fail("search refused: " + result_text(ld, rc) +
                      "; the server limits paged searches for this account (slapd: sizelimit "
                      "size.prtotal=unlimited; AD: MaxPageSize) or page_size is above its limit");
    if (rc != LDAP_SUCCESS)
      connection.fail("search refused: " + result_text(ld, rc) + " (base \"" + request.base +
                      "\", filter " + request.filter + ")");

    for (LDAPMessage* entry = ldap_first_entry(ld, result.get()); entry;
         entry = ldap_next_entry(ld, entry)) {
      files::LdifRecord record = search.record(entry);
      ++progress.entries;
      on_record(record);
    }
    ++progress.pages;

    LDAPControl** raw_server_controls = nullptr;
    LDAPMessage* done = nullptr;
    for (LDAPMessage* m = ldap_first_message(ld, result.get()); m; m = ldap_next_message(ld, m))
      if (ldap_msgtype(m) == LDAP_RES_SEARCH_RESULT) done = m;
    if (done)
      ldap_parse_result(ld, done, nullptr, nullptr, nullptr, nullptr, &raw_server_controls, 0);
    const Controls server_controls(raw_server_controls);
    cookie.take_from(ld, server_controls.get());
    if (on_page) on_page(progress);
  } while (!cookie.empty());
}

}  // namespace galguard::directory::ldap
