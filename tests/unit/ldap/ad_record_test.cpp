// The AD mapping as the LDAP source uses it: records without lines, places naming the DN,
// objectGUID as 16 raw bytes.
#include "directory/files/ad_record.hpp"

#include <gtest/gtest.h>

namespace galguard::directory::files {
namespace {

LdifRecord record(std::string dn, std::vector<std::pair<std::string, std::string>> values) {
  LdifRecord r;
  r.dn = std::move(dn);
  for (auto& [name, value] : values)
    r.values.push_back({name, value, 0});
  return r;
}

const PlaceOf kAtDn = [](std::size_t) { return std::string("ldap://dc1:389/CN=X,DC=se"); };

TEST(MapAdRecord, LdapContactWithBinaryGuid) {
  const std::string guid("\xff\x19\x96\x6f\x86\x8b\x11\xd0\xb4\x2d\x00\xc0\x4f\xc9\x64\xff", 16);
  ParsedEntries out;
  map_ad_record(record("CN=Service Desk 33900,OU=Contacts,DC=se",
                       {{"objectclass", "top"},
                        {"objectclass", "contact"},
                        {"displayname", "Service Desk 33900"},
                        {"mail", "m.exempel@elevstockholm.onmicrosoft.com"},
                        {"targetaddress", "SMTP:m.exempel@elevstockholm.onmicrosoft.com"},
                        {"proxyaddresses", "SMTP:m.exempel@elevstockholm.onmicrosoft.com"},
                        {"whenchanged", "20210322160500.0Z"},
                        {"objectguid", guid}}),
                kAtDn, out);
  ASSERT_EQ(out.entries.size(), 1u);
  const rules::Entry& e = out.entries[0];
  EXPECT_EQ(e.id, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  EXPECT_EQ(e.kind, rules::EntryKind::contact);
  EXPECT_EQ(e.primary, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(e.target, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(e.changed_at, "2021-03-22T16:05:00Z");
  EXPECT_EQ(e.source, "ldap://dc1:389/CN=X,DC=se");
}

TEST(MapAdRecord, DiagnosticNamesThePlace) {
  ParsedEntries out;
  map_ad_record(record("CN=Bad,DC=se", {{"mail", "b@x.se"}, {"displayname", "\xff\xfe"}}), kAtDn,
                out);
  EXPECT_TRUE(out.entries.empty());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].place, "ldap://dc1:389/CN=X,DC=se");
  EXPECT_NE(out.diagnostics[0].message.find("UTF-8"), std::string::npos);
}

TEST(MapAdRecord, NoAddressNoEntry) {
  ParsedEntries out;
  map_ad_record(record("CN=Svc,DC=se", {{"objectclass", "user"}, {"cn", "Svc"}}), kAtDn, out);
  EXPECT_TRUE(out.entries.empty());
  EXPECT_TRUE(out.diagnostics.empty());
}

}  // namespace
}  // namespace galguard::directory::files
