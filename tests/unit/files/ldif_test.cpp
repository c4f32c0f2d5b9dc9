#include <gtest/gtest.h>

#include "directory/files/file_sources.hpp"
#include "files_test_util.hpp"

namespace galguard::directory {
namespace {

using rules::EntryKind;
using testing::diagnostics_text;
using testing::only;

ParsedEntries parse(std::string_view text) {
  return parse_ldif(text, "t.ldif");
}

TEST(Ldif, ReferenceSampleLoads) {
  const ParsedEntries p = parse_ldif(testing::read_sample("gal.ldif"), "gal.ldif");
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
  ASSERT_EQ(p.entries.size(), 8u);

  const rules::Entry& rogue = only(p, "Service Desk 33900");
  EXPECT_EQ(rogue.kind, EntryKind::contact);
  EXPECT_EQ(rogue.primary, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue.target, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue.changed_at, "2021-03-22T16:05:00Z");
  EXPECT_EQ(rogue.source, "gal.ldif:87");
  EXPECT_EQ(rogue.id, "CN=Service Desk 33900,OU=Contacts,DC=stockholm,DC=se");
  EXPECT_FALSE(rogue.hidden);

  const rules::Entry& dso = only(p, "Dataskyddsombud Skärholmen");  // base64 displayName
  EXPECT_EQ(dso.kind, EntryKind::shared);  // msExchRecipientTypeDetails 34359738368
  EXPECT_EQ(dso.source, "gal.ldif:40");
  EXPECT_EQ(only(p, "IT-samordnare Skärholmen").kind, EntryKind::user);

  const rules::Entry& payroll = only(p, "Löner Skärholmen");
  EXPECT_TRUE(payroll.hidden);
  EXPECT_EQ(payroll.primary, "loner.skarholmen@stockholm.se");

  EXPECT_EQ(testing::named(p, "Johansson, Erik").size(), 2u);
  const rules::Entry& anna = only(p, "Andersson, Anna");
  EXPECT_EQ(anna.kind, EntryKind::user);
  EXPECT_EQ(anna.proxies,
            (std::vector<std::string>{"anna.andersson@stockholm.se", "a.andersson@stockholm.se"}));
  EXPECT_EQ(anna.target, "");
  EXPECT_EQ(anna.changed_at, "2021-01-10T08:30:00Z");
  EXPECT_EQ(anna.source, "gal.ldif:5");
  EXPECT_EQ(only(p, "Servicedesk Fujitsu").kind, EntryKind::contact);
}

TEST(Ldif, FoldedLinesJoin) {
  const ParsedEntries p = parse(
      "dn: CN=Folded,DC=x\n"
      "displayName: Service\n"
      "  Desk 33900\n"  // one leading space dropped, the second kept
      "mail: m.exempel@elev\n"
      " stockholm.onmicrosoft.com\n"
      "proxyAddr\n"
      " esses: smtp:other@x.se\n");
  ASSERT_EQ(p.entries.size(), 1u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].display_name, "Service Desk 33900");
  EXPECT_EQ(p.entries[0].primary, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(p.entries[0].proxies, std::vector<std::string>{"other@x.se"});
}

TEST(Ldif, Base64ValuesDecode) {
  const ParsedEntries p = parse(
      "dn:: Q049w4VzYSxEQz14\n"  // "CN=Åsa,DC=x"
      "displayName:: w4VzYSDDlmJlcmc=\n"
      "mail:: YXNhQHguc2U=\n"  // unpadded-safe length, "asa@x.se"
      "description::\n");      // empty base64 value is allowed
  ASSERT_EQ(p.entries.size(), 1u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].display_name, "Åsa Öberg");
  EXPECT_EQ(p.entries[0].primary, "asa@x.se");
  EXPECT_EQ(p.entries[0].id, "CN=Åsa,DC=x");
}

TEST(Ldif, ObjectGuidBecomesTheId) {
  const ParsedEntries p = parse(
      "dn: CN=A,DC=x\n"
      "mail: a@x.se\n"
      "objectGUID:: /xmWb4aLEdC0LQDAT8lk/w==\n"
      "\n"
      "dn: CN=B,DC=x\n"
      "mail: b@x.se\n"
      "objectGUID: {6F9619FF-8B86-D011-B42D-00C04FC964FF}\n"
      "\n"
      "dn: CN=C,DC=x\n"
      "mail: c@x.se\n"
      "objectGUID:: AAEC\n");  // 3 bytes: not a GUID, the dn stays the id
  ASSERT_EQ(p.entries.size(), 3u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].id, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  EXPECT_EQ(p.entries[1].id, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  EXPECT_EQ(p.entries[2].id, "CN=C,DC=x");
}

TEST(Ldif, AttributeOptionsAndCaseMapToTheBaseAttribute) {
  const ParsedEntries p = parse(
      "dn: CN=Range,DC=x\n"
      "DISPLAYNAME: Range Test\n"
      "proxyAddresses;range=0-1: SMTP:r@x.se\n"
      "proxyaddresses;range=0-1: smtp:r2@x.se\n"
      "proxyAddresses;range=2-*: sip:r@x.se\n"
      "objectGUID;binary:: /xmWb4aLEdC0LQDAT8lk/w==\n");
  ASSERT_EQ(p.entries.size(), 1u) << diagnostics_text(p);
  const rules::Entry& e = p.entries[0];
  EXPECT_EQ(e.display_name, "Range Test");
  EXPECT_EQ(e.primary, "r@x.se");  // no mail: the SMTP: proxy
  EXPECT_EQ(e.proxies, (std::vector<std::string>{"r@x.se", "r2@x.se"}));
  EXPECT_EQ(e.id, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
}

TEST(Ldif, HeaderCommentsAndCrlf) {
  const ParsedEntries p = parse(
      "# exported\r\n"
      "#  folded comment\r\n"
      " still the comment: not an attribute\r\n"
      "version: 1\r\n"
      "\r\n"
      "dn: CN=A,DC=x\r\n"
      "# a comment inside the record\r\n"
      "cn: A Person\r\n"
      "mail: a@x.se\r\n");
  ASSERT_EQ(p.entries.size(), 1u) << diagnostics_text(p);
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].display_name, "A Person");  // cn when displayName is missing
  EXPECT_EQ(p.entries[0].source, "t.ldif:6");
}

TEST(Ldif, KindsFromObjectClassRefinedByTypeDetails) {
  struct Case {
    const char* classes;
    const char* details;
    EntryKind want;
  };
  const Case cases[] = {
      {"objectClass: user\n", nullptr, EntryKind::user},
      {"objectClass: person\nobjectClass: contact\n", nullptr, EntryKind::contact},
      {"objectClass: group\n", nullptr, EntryKind::group},
      {"objectClass: top\n", nullptr, EntryKind::other},
      {"objectClass: user\n", "4", EntryKind::shared},
      {"objectClass: user\n", "16", EntryKind::room},
      {"objectClass: user\n", "32", EntryKind::room},
      {"objectClass: user\n", "34359738368", EntryKind::shared},
      {"objectClass: user\n", "2147483648", EntryKind::user},
      {"objectClass: user\n", "64", EntryKind::contact},
      {"objectClass: contact\n", "128", EntryKind::user},
      {"objectClass: user\n", "256", EntryKind::group},
      {"objectClass: user\n", "1024", EntryKind::group},
      {"objectClass: user\n", "2048", EntryKind::group},
      {"objectClass: user\n", "99999999999999999999", EntryKind::user},  // overflows: ignored
      {"objectClass: user\n", "not a number", EntryKind::user},
  };
  for (const auto& c : cases) {
    std::string text = std::string("dn: CN=K,DC=x\nmail: k@x.se\n") + c.classes;
    if (c.details) text += std::string("msExchRecipientTypeDetails: ") + c.details + "\n";
    const ParsedEntries p = parse(text);
    ASSERT_EQ(p.entries.size(), 1u) << text;
    EXPECT_EQ(p.entries[0].kind, c.want) << text << " got " << rules::to_string(p.entries[0].kind);
  }
}

TEST(Ldif, HiddenAddressListsTargetAndDates) {
  const ParsedEntries p = parse(
      "dn: CN=C,DC=x\n"
      "objectClass: contact\n"
      "displayName: Contact\n"
      "mail: c@x.se\n"
      "targetAddress: smtp:c@outside.example\n"
      "proxyAddresses: SMTP:c@x.se\n"
      "proxyAddresses: X500:/o=Org/cn=c\n"
      "proxyAddresses: EX:/o=Org/cn=c\n"
      "msExchHideFromAddressLists: true\n"
      "showInAddressBook: CN=Default Global Address List,CN=All Global Address Lists\n"
      "showInAddressBook: CN=All Contacts,CN=All Address Lists\n"
      "whenChanged: 20210322170500.0+0100\n");
  ASSERT_EQ(p.entries.size(), 1u) << diagnostics_text(p);
  const rules::Entry& e = p.entries[0];
  EXPECT_EQ(e.target, "c@outside.example");
  EXPECT_EQ(e.proxies, std::vector<std::string>{"c@x.se"});
  EXPECT_TRUE(e.hidden);
  EXPECT_EQ(e.address_lists.size(), 2u);
  EXPECT_EQ(e.changed_at, "2021-03-22T16:05:00Z");
}

TEST(Ldif, EntryWithoutMailIsSkippedSilently) {
  const ParsedEntries p = parse(
      "dn: CN=Computer,DC=x\n"
      "objectClass: computer\n"
      "cn: WS01\n"
      "proxyAddresses: X500:/o=Org/cn=ws01\n"
      "\n"
      "dn: CN=Mail,DC=x\n"
      "mail: m@x.se\n");
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
  ASSERT_EQ(p.entries.size(), 1u);
  EXPECT_EQ(p.entries[0].primary, "m@x.se");
}

TEST(Ldif, SeveralUpperCasePrimariesLeaveNoProxyPrimary) {
  const ParsedEntries p = parse(
      "dn: CN=Two,DC=x\n"
      "proxyAddresses: SMTP:one@x.se\n"
      "proxyAddresses: SMTP:two@x.se\n");
  ASSERT_EQ(p.entries.size(), 1u);
  EXPECT_EQ(p.entries[0].primary, "");
  EXPECT_EQ(p.entries[0].proxies, (std::vector<std::string>{"one@x.se", "two@x.se"}));
}

// Each broken input: the diagnostic's place, a word of its message, and the other records load.
TEST(Ldif, BrokenRecordsAreReportedAndSkipped) {
  struct Case {
    const char* name;
    const char* bad_record;  // goes between two good records; starts on line 4
    const char* place;
    const char* says;
  };
  const Case cases[] = {
      {"no colon", "dn: CN=Bad,DC=x\nmail: b@x.se\ndisplayName Broken\n", "t.ldif:6", "no ':'"},
      {"bad base64", "dn: CN=Bad,DC=x\nmail: b@x.se\ndisplayName:: ***\n", "t.ldif:6", "base64"},
      {"bad name", "dn: CN=Bad,DC=x\nmail: b@x.se\ndisplay name: B\n", "t.ldif:6", "name"},
      {"not UTF-8", "dn: CN=Bad,DC=x\nmail: b@x.se\ndisplayName:: //5CYWQ=\n", "t.ldif:6", "UTF-8"},
      {"no dn", "mail: b@x.se\ndisplayName: B\n", "t.ldif:4", "dn"},
      {"changetype", "dn: CN=Bad,DC=x\nchangetype: modify\nreplace: mail\nmail: b@x.se\n-\n",
       "t.ldif:5", "change record"},
      {"orphan continuation", " mail: b@x.se\n", "t.ldif:4", "continuation"},
      {"dn from URL", "dn:< file:///etc/passwd\nmail: b@x.se\n", "t.ldif:4", "URL"},
  };
  for (const auto& c : cases) {
    const std::string text = std::string("dn: CN=One,DC=x\nmail: one@x.se\n\n") + c.bad_record +
                             "\ndn: CN=Two,DC=x\nmail: two@x.se\n";
    const ParsedEntries p = parse(text);
    ASSERT_EQ(p.diagnostics.size(), 1u) << c.name << "\n" << diagnostics_text(p);
    EXPECT_EQ(p.diagnostics[0].place, c.place) << c.name;
    EXPECT_NE(p.diagnostics[0].message.find(c.says), std::string::npos)
        << c.name << ": " << p.diagnostics[0].message;
    ASSERT_EQ(p.entries.size(), 2u) << c.name;
    EXPECT_EQ(p.entries[0].primary, "one@x.se");
    EXPECT_EQ(p.entries[1].primary, "two@x.se") << c.name;
  }
}

TEST(Ldif, UrlValueIsReportedAndTheRecordKept) {
  const ParsedEntries p = parse(
      "dn: CN=Photo,DC=x\n"
      "mail: p@x.se\n"
      "jpegPhoto:< file:///tmp/photo.jpg\n");
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].place, "t.ldif:3");
  ASSERT_EQ(p.entries.size(), 1u);
}

TEST(Ldif, LdapsearchOutputAndMissingSeparator) {
  const ParsedEntries p = parse(
      "# extended LDIF\n"
      "dn: CN=A,DC=x\n"
      "mail: a@x.se\n"
      "dn: CN=B,DC=x\n"  // no blank line before it: still a new record
      "mail: b@x.se\n"
      "\n"
      "# search result\n"
      "search: 2\n"
      "result: 0 Success\n"
      "\n"
      "# numEntries: 2\n");
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
  ASSERT_EQ(p.entries.size(), 2u);
  EXPECT_EQ(p.entries[1].source, "t.ldif:4");
}

TEST(Ldif, Utf16WithBomIsRead) {
  const std::string utf8 = "dn: CN=Å,DC=x\r\ndisplayName: Åsa\r\nmail: a@x.se\r\n";
  std::string utf16 = "\xFF\xFE";
  for (char32_t c : std::u32string{U"dn: CN=Å,DC=x\r\ndisplayName: Åsa\r\nmail: a@x.se\r\n"}) {
    utf16 += static_cast<char>(c & 0xFF);
    utf16 += static_cast<char>(c >> 8);
  }
  const ParsedEntries p = parse(utf16);
  ASSERT_EQ(p.entries.size(), 1u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].display_name, "Åsa");
  EXPECT_EQ(parse(utf8).entries.at(0).display_name, "Åsa");
}

TEST(Ldif, EmptyAndGarbageInputsGiveNoEntries) {
  for (std::string_view text :
       {std::string_view(""), std::string_view("\n\n\n"), std::string_view(" \n"),
        std::string_view("\0\0", 2), std::string_view("dn:")}) {
    const ParsedEntries p = parse(text);
    EXPECT_TRUE(p.entries.empty());
  }
}

}  // namespace
}  // namespace galguard::directory
