#include <gtest/gtest.h>

#include "directory/files/file_sources.hpp"
#include "files_test_util.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory {
namespace {

using rules::EntryKind;
using testing::diagnostics_text;
using testing::only;

ParsedEntries parse(std::string_view text) {
  return parse_graph_json(text, "t.json");
}

TEST(GraphJson, ReferenceSampleLoads) {
  const ParsedEntries p = parse_graph_json(testing::read_sample("gal.json"), "gal.json");
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
  ASSERT_EQ(p.entries.size(), 8u);

  const rules::Entry& rogue = only(p, "Service Desk 33900");
  EXPECT_EQ(rogue.kind, EntryKind::contact);
  EXPECT_EQ(rogue.primary, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue.target, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue.source, "gal.json:/1/value/1");
  EXPECT_EQ(rogue.changed_at, "2021-03-22T16:05:00Z");
  EXPECT_EQ(rogue.id, "8b7c6d5e-4f3a-4e2b-8c1d-0e9f8a7b6c08");

  EXPECT_TRUE(only(p, "Löner Skärholmen").hidden);
  EXPECT_FALSE(only(p, "Dataskyddsombud Skärholmen").hidden);
  EXPECT_EQ(testing::named(p, "Johansson, Erik").size(), 2u);

  const rules::Entry& anna = only(p, "Andersson, Anna");
  EXPECT_EQ(anna.kind, EntryKind::user);  // from the page's @odata.context
  EXPECT_EQ(anna.source, "gal.json:/0/value/0");
  EXPECT_EQ(anna.proxies,
            (std::vector<std::string>{"anna.andersson@stockholm.se", "a.andersson@stockholm.se"}));
  EXPECT_EQ(anna.target, "");
  EXPECT_EQ(only(p, "Servicedesk Fujitsu").kind, EntryKind::contact);
}

TEST(GraphJson, OnePageWithNextLink) {
  const ParsedEntries p = parse(R"({
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
    "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X",
    "value": [
      {"id": "u1", "displayName": "Anna", "mail": "anna@x.se"},
      {"id": "u2", "displayName": "No Mail", "userPrincipalName": "nomail@x.se"}
    ]})");
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
  // An account without a mailbox is not in the address book, whatever its UPN looks like.
  ASSERT_EQ(p.entries.size(), 1u);
  EXPECT_EQ(p.entries[0].source, "t.json:/value/0");
  EXPECT_EQ(p.entries[0].kind, EntryKind::user);
}

TEST(GraphJson, CollectionsByKey) {
  const ParsedEntries p = parse(R"({
    "users": [{"value": [{"id": "u1", "displayName": "U", "mail": "u@x.se"}]},
              {"value": [{"id": "u2", "displayName": "U2", "mail": "u2@x.se"}]}],
    "contacts": {"value": [{"id": "c1", "displayName": "C", "mail": "c@out.example"}]},
    "groups": {"value": [
      {"id": "g1", "displayName": "Staff", "mail": "staff@x.se", "mailEnabled": true},
      {"id": "g2", "displayName": "Security only", "mail": null, "mailEnabled": false}
    ]}})");
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
  ASSERT_EQ(p.entries.size(), 4u);
  EXPECT_EQ(p.entries[0].source, "t.json:/users/0/value/0");
  EXPECT_EQ(p.entries[1].source, "t.json:/users/1/value/0");
  EXPECT_EQ(p.entries[2].kind, EntryKind::contact);
  EXPECT_EQ(p.entries[2].target, "c@out.example");
  EXPECT_EQ(p.entries[2].source, "t.json:/contacts/value/0");
  EXPECT_EQ(p.entries[3].kind, EntryKind::group);
  EXPECT_EQ(p.entries[3].source, "t.json:/groups/value/0");
}

TEST(GraphJson, KindFromOdataType) {
  const ParsedEntries p = parse(R"({"value": [
    {"@odata.type": "#microsoft.graph.user", "mail": "u@x.se"},
    {"@odata.type": "#microsoft.graph.orgContact", "mail": "c@x.se"},
    {"@odata.type": "#microsoft.graph.group", "mail": "g@x.se", "mailEnabled": true},
    {"@odata.type": "#microsoft.graph.group", "mail": "s@x.se", "mailEnabled": false},
    {"mail": "o@x.se"}
  ]})");
  ASSERT_EQ(p.entries.size(), 4u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].kind, EntryKind::user);
  EXPECT_EQ(p.entries[1].kind, EntryKind::contact);
  EXPECT_EQ(p.entries[2].kind, EntryKind::group);
  EXPECT_EQ(p.entries[3].kind, EntryKind::other);
}

TEST(GraphJson, GuestsRemovedAndHidden) {
  const ParsedEntries p = parse(R"({"@odata.context": "x/$metadata#users/delta", "value": [
    {"id": "g", "displayName": "Guest", "userType": "Guest", "mail": "pat@contoso.example",
     "userPrincipalName": "pat_contoso.example#EXT#@stockholm.onmicrosoft.com"},
    {"id": "e", "displayName": "Guest without mail", "userType": "Guest",
     "userPrincipalName": "kim_fabrikam.example#EXT#@stockholm.onmicrosoft.com"},
    {"id": "r", "@removed": {"reason": "deleted"}},
    {"id": "h", "displayName": "Hidden", "mail": "h@x.se", "showInAddressList": false},
    {"id": "s", "displayName": "Student", "mail": "s@elev.mail.onmicrosoft.com",
     "userType": "Guest"}
  ]})");
  ASSERT_EQ(p.entries.size(), 3u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].kind, EntryKind::user);
  EXPECT_EQ(p.entries[0].tenant, "contoso.example");
  EXPECT_EQ(p.entries[0].primary, "pat@contoso.example");
  EXPECT_TRUE(p.entries[1].hidden);
  EXPECT_EQ(p.entries[1].tenant, "");
  EXPECT_EQ(p.entries[2].tenant, "elev.onmicrosoft.com");
  // The guest whose only name is an #EXT# UPN has no mailbox: skipped without a warning.
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
}

TEST(GraphJson, ChangedAtFromTheFirstDatePresent) {
  const ParsedEntries p = parse(R"({"value": [
    {"mail": "a@x.se", "onPremisesLastSyncDateTime": "2021-03-22T16:05:00Z",
     "createdDateTime": "2019-01-01T00:00:00Z"},
    {"mail": "b@x.se", "onPremisesLastSyncDateTime": null,
     "lastModifiedDateTime": "2020-05-05T10:00:00.1234567Z"},
    {"mail": "c@x.se", "createdDateTime": "2018-02-03T04:05:06+01:00"},
    {"mail": "d@x.se"}
  ]})");
  ASSERT_EQ(p.entries.size(), 4u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].changed_at, "2021-03-22T16:05:00Z");
  EXPECT_EQ(p.entries[1].changed_at, "2020-05-05T10:00:00Z");
  EXPECT_EQ(p.entries[2].changed_at, "2018-02-03T03:05:06Z");
  EXPECT_EQ(p.entries[3].changed_at, "");
}

TEST(GraphJson, BadItemsAreReportedAndSkipped) {
  const ParsedEntries p = parse(R"([
    {"value": [
      {"displayName": "Good", "mail": "good@x.se"},
      "not an object",
      {"displayName": "No address: not in the GAL, no warning"},
      {"displayName": "Wrong type", "mail": 42},
      {"displayName": "Bad proxies", "mail": "p@x.se", "proxyAddresses": "SMTP:p@x.se"}
    ]},
    {"value": {"not": "an array"}},
    17,
    {"value": [{"displayName": "Also good", "mail": "also@x.se"}]}
  ])");
  ASSERT_EQ(p.entries.size(), 2u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[1].source, "t.json:/3/value/0");
  const std::vector<std::string> want = {"t.json:/0/value/1", "t.json:/0/value/3",
                                         "t.json:/0/value/4", "t.json:/1/value", "t.json:/2"};
  ASSERT_EQ(p.diagnostics.size(), want.size()) << diagnostics_text(p);
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(p.diagnostics[i].place, want[i]);
  EXPECT_NE(p.diagnostics[1].message.find("\"mail\""), std::string::npos);
}

TEST(GraphJson, NotAnExportGivesADiagnosticAndNoEntries) {
  const ParsedEntries p = parse(R"({"error": {"code": "Authorization_RequestDenied"}})");
  EXPECT_TRUE(p.entries.empty());
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].place, "t.json");
}

TEST(GraphJson, SyntaxErrorGivesLineAndColumn) {
  struct Case {
    const char* text;
    const char* place;
  };
  const Case cases[] = {
      {"{\n  \"value\": [\n    {\"mail\": x}\n  ]\n}", "t.json:3:14"},
      {"{\"value\": [1,,2]}", "t.json:1:14"},
      {"{\"value\": [", "t.json:1:12"},
      {"", "t.json:1:1"},
      {"\xEF\xBB\xBF{\n\"a\" 1}", "t.json:2:5"},                               // BOM not counted
      {"{\"value\": [{\"displayName\": \"Sk\xC3\xA4r\" x}]}", "t.json:1:35"},  // characters
  };
  for (const auto& c : cases) {
    try {
      parse(c.text);
      ADD_FAILURE() << "no error for: " << c.text;
    } catch (const rules::InputError& e) {
      EXPECT_EQ(e.place(), c.place) << e.what();
      EXPECT_NE(std::string(e.what()).find("JSON syntax error"), std::string::npos) << e.what();
    }
  }
}

TEST(GraphJson, InvalidUtf8IsASyntaxError) {
  EXPECT_THROW(parse("{\"value\": [{\"mail\": \"a\xFF@x.se\"}]}"), rules::InputError);
}

TEST(GraphJson, Utf16WithBomIsRead) {
  std::string utf16 = "\xFF\xFE";
  for (char16_t c :
       std::u16string{u"{\"value\":[{\"displayName\":\"Åsa\",\"mail\":\"a@x.se\"}]}"}) {
    utf16 += static_cast<char>(c & 0xFF);
    utf16 += static_cast<char>(c >> 8);
  }
  const ParsedEntries p = parse(utf16);
  ASSERT_EQ(p.entries.size(), 1u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].display_name, "Åsa");
}

}  // namespace
}  // namespace galguard::directory
