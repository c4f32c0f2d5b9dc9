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
  return parse_recipient_csv(text, "t.csv");
}

std::string utf16le_with_bom(std::u16string_view text) {
  std::string out = "\xFF\xFE";
  for (char16_t c : text) {
    out += static_cast<char>(c & 0xFF);
    out += static_cast<char>(c >> 8);
  }
  return out;
}

TEST(RecipientCsv, ReferenceSampleLoads) {
  const ParsedEntries p = parse_recipient_csv(testing::read_sample("gal.csv"), "gal.csv");
  EXPECT_TRUE(p.diagnostics.empty()) << diagnostics_text(p);
  ASSERT_EQ(p.entries.size(), 8u);

  const rules::Entry& rogue = only(p, "Service Desk 33900");
  EXPECT_EQ(rogue.kind, EntryKind::contact);
  EXPECT_EQ(rogue.primary, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue.target, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue.changed_at, "2021-03-22T16:05:00Z");  // "3/22/2021 4:05:00 PM"
  EXPECT_EQ(rogue.source, "gal.csv:9");
  EXPECT_EQ(rogue.id, "5d0c8e2a-31f4-4c7b-a6e9-0b1c2d3e4f08");

  const rules::Entry& payroll = only(p, "Löner Skärholmen");
  EXPECT_TRUE(payroll.hidden);
  EXPECT_EQ(payroll.changed_at, "2020-01-01T00:00:00Z");  // 12:00:00 AM
  EXPECT_EQ(only(p, "Dataskyddsombud Skärholmen").kind, EntryKind::shared);
  EXPECT_EQ(testing::named(p, "Johansson, Erik").size(), 2u);

  const rules::Entry& anna = only(p, "Andersson, Anna");
  EXPECT_EQ(anna.kind, EntryKind::user);
  EXPECT_FALSE(anna.hidden);
  EXPECT_EQ(anna.proxies,
            (std::vector<std::string>{"anna.andersson@stockholm.se", "a.andersson@stockholm.se"}));
  EXPECT_EQ(anna.source, "gal.csv:2");
}

TEST(RecipientCsv, TypeLineSemicolonsAndColumnsInAnyCase) {
  const ParsedEntries p = parse(
      "#TYPE Selected.Microsoft.Exchange.Data.Directory.Management.ReducedRecipient\r\n"
      "\"displayname\";\"WINDOWSEMAILADDRESS\";\"EmailAddresses\";\"RecipientType\";"
      "\"Identity\";\"WhenChanged\"\r\n"
      "\"Berg, Per\";\"per.berg@x.se\";\"Microsoft.Exchange.Data.ProxyAddressCollection\";"
      "\"UserMailbox\";\"x.se/Users/Per Berg\";\"2021-03-22 16:05:00\"\r\n"
      "\"Rum 1\";\"\";\"SMTP:rum1@x.se smtp:room1@x.se\";\"RoomMailbox\";\"\";"
      "\"22.03.2021 16:05:00\"\r\n");
  ASSERT_EQ(p.entries.size(), 2u) << diagnostics_text(p);
  const rules::Entry& per = p.entries[0];
  EXPECT_EQ(per.display_name, "Berg, Per");
  EXPECT_EQ(per.primary, "per.berg@x.se");
  EXPECT_TRUE(per.proxies.empty());  // the collection's type name is not an address
  EXPECT_EQ(per.id, "x.se/Users/Per Berg");
  EXPECT_EQ(per.changed_at, "2021-03-22T16:05:00Z");
  EXPECT_EQ(per.source, "t.csv:3");
  const rules::Entry& room = p.entries[1];
  EXPECT_EQ(room.kind, EntryKind::room);
  EXPECT_EQ(room.primary, "rum1@x.se");  // from the SMTP: proxy
  EXPECT_EQ(room.proxies, (std::vector<std::string>{"rum1@x.se", "room1@x.se"}));
  EXPECT_EQ(room.changed_at, "2021-03-22T16:05:00Z");
  EXPECT_EQ(room.source, "t.csv:4");
}

TEST(RecipientCsv, Utf16WithBom) {
  const ParsedEntries p =
      parse(utf16le_with_bom(u"\"DisplayName\",\"PrimarySmtpAddress\",\"RecipientTypeDetails\"\r\n"
                             u"\"Åsa Öberg 𝔸\",\"asa@x.se\",\"SharedMailbox\"\r\n"));
  ASSERT_EQ(p.entries.size(), 1u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].display_name, "Åsa Öberg 𝔸");
  EXPECT_EQ(p.entries[0].kind, EntryKind::shared);
  EXPECT_EQ(p.entries[0].source, "t.csv:2");
}

TEST(RecipientCsv, Utf8BomAndEmbeddedNewline) {
  const ParsedEntries p = parse(
      "\xEF\xBB\xBF\"DisplayName\",\"PrimarySmtpAddress\",\"ExternalEmailAddress\"\n"
      "\"Two\nLines\",\"\",\"SMTP:two@out.example\"\n"
      "\"After\",\"after@x.se\",\"\"\n");
  ASSERT_EQ(p.entries.size(), 2u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].display_name, "Two\nLines");
  EXPECT_EQ(p.entries[0].primary, "");
  EXPECT_EQ(p.entries[0].target, "two@out.example");
  EXPECT_EQ(p.entries[0].source, "t.csv:2");
  EXPECT_EQ(p.entries[1].source, "t.csv:4");  // the quoted line break took line 3
}

TEST(RecipientCsv, BadRowsAreReportedAndSkipped) {
  const ParsedEntries p = parse(
      "DisplayName,PrimarySmtpAddress,HiddenFromAddressListsEnabled\n"
      "Good,good@x.se,False\n"
      "Too,many,fields,here\n"
      "Too few\n"
      "No address,,True\n"
      "\"Broken\"quote,b@x.se,False\n"
      "Bad \xFF UTF-8,u@x.se,False\n"
      "Hidden,hidden@x.se,True\n");
  ASSERT_EQ(p.entries.size(), 2u) << diagnostics_text(p);
  EXPECT_TRUE(p.entries[1].hidden);
  EXPECT_EQ(p.entries[1].source, "t.csv:8");
  const std::vector<std::string> want = {"t.csv:3", "t.csv:4", "t.csv:5", "t.csv:6", "t.csv:7"};
  ASSERT_EQ(p.diagnostics.size(), want.size()) << diagnostics_text(p);
  for (std::size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(p.diagnostics[i].place, want[i]);
  EXPECT_NE(p.diagnostics[4].message.find("DisplayName"), std::string::npos);
}

TEST(RecipientCsv, MissingColumnsThrowWithThePlace) {
  struct Case {
    const char* text;
    const char* place;
    const char* says;
  };
  const Case cases[] = {
      {"Name2,Mail2\nA,a@x.se\n", "t.csv:1", "DisplayName column and an address column"},
      {"#TYPE x\nDisplayName,Office\nA,B\n", "t.csv:2", "address column"},
      {"PrimarySmtpAddress\na@x.se\n", "t.csv:1", "DisplayName"},
      {"", "t.csv:1", "no header"},
      {"#TYPE only\n", "t.csv:2", "no header"},
  };
  for (const auto& c : cases) {
    try {
      parse(c.text);
      ADD_FAILURE() << "no error for: " << c.text;
    } catch (const rules::InputError& e) {
      EXPECT_EQ(e.place(), c.place) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
    }
  }
}

TEST(RecipientCsv, IdPrefersGuidAndListsSplitOnAnySeparator) {
  const ParsedEntries p = parse(
      "DisplayName,PrimarySmtpAddress,EmailAddresses,Guid,DistinguishedName,RecipientType\n"
      "A,a@x.se,\"SMTP:a@x.se,smtp:a2@x.se,X400:c=SE;a= ;p=Org;s=A;\",g-1,\"CN=A,DC=x\","
      "MailUniversalDistributionGroup\n"
      "B,b@x.se,System.Object[],,\"CN=B,DC=x\",DynamicDistributionGroup\n");
  ASSERT_EQ(p.entries.size(), 2u) << diagnostics_text(p);
  EXPECT_EQ(p.entries[0].id, "g-1");
  EXPECT_EQ(p.entries[0].proxies, (std::vector<std::string>{"a@x.se", "a2@x.se"}));
  EXPECT_EQ(p.entries[0].kind, EntryKind::group);
  EXPECT_EQ(p.entries[1].id, "CN=B,DC=x");
  EXPECT_TRUE(p.entries[1].proxies.empty());
  EXPECT_EQ(p.entries[1].kind, EntryKind::group);
}

}  // namespace
}  // namespace galguard::directory
