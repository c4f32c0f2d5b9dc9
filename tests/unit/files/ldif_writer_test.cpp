// A snapshot written as LDIF comes back as the same entries: the gateway's saved copy of a
// server directory must judge mail exactly as the directory it was taken from.
#include <gtest/gtest.h>

#include "directory/files/file_sources.hpp"
#include "directory/files/ldif_writer.hpp"
#include "directory/source.hpp"
#include "files_test_util.hpp"

namespace galguard::directory {
namespace {

// Everything but where it was read and the tenant (a Graph guest's), which LDIF has no place for.
void expect_same(const std::vector<rules::Entry>& got, const std::vector<rules::Entry>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].display_name);
    EXPECT_EQ(got[i].id, want[i].id);
    EXPECT_EQ(got[i].kind, want[i].kind);
    EXPECT_EQ(got[i].display_name, want[i].display_name);
    EXPECT_EQ(got[i].primary, want[i].primary);
    EXPECT_EQ(got[i].proxies, want[i].proxies);
    EXPECT_EQ(got[i].target, want[i].target);
    EXPECT_EQ(got[i].hidden, want[i].hidden);
    EXPECT_EQ(got[i].address_lists, want[i].address_lists);
    EXPECT_EQ(got[i].changed_at, want[i].changed_at);
  }
}

class RoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(RoundTrip, EveryReferenceExportReadsBackTheSame) {
  const LoadResult loaded = open_source(testing::sample_path(GetParam()))->load();
  const auto& entries = loaded.snapshot->entries();
  const ParsedEntries back = parse_ldif(files::write_ldif(entries), "saved.ldif");
  EXPECT_TRUE(back.diagnostics.empty());
  expect_same(back.entries, entries);
}

INSTANTIATE_TEST_SUITE_P(Samples, RoundTrip, ::testing::Values("gal.ldif", "gal.json", "gal.csv"));

TEST(LdifWriter, KeepsNamesAndKindsThatNeedCare) {
  std::vector<rules::Entry> entries(4);
  rules::Entry& room = entries[0];
  room.id = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
  room.kind = rules::EntryKind::room;
  room.display_name = "Sammanträdesrum Älvsjö ";  // non-ASCII, trailing space
  room.primary = "rum@stockholm.se";
  room.proxies = {"rum@stockholm.se", "rum2@stockholm.se"};
  room.hidden = true;
  room.address_lists = {"CN=Rooms,CN=All Address Lists"};
  room.changed_at = "2021-03-22T16:05:00Z";
  rules::Entry& shared = entries[1];
  shared.id = "CN=Shared,OU=Mailboxes,DC=stockholm,DC=se";  // no GUID: the DN is the id
  shared.kind = rules::EntryKind::shared;
  shared.display_name = ":Registrator";  // would read as base64 if written plainly
  shared.primary = "registrator@stockholm.se";
  rules::Entry& contact = entries[2];
  contact.id = "7f9619ff-8b86-d011-b42d-00c04fc964ff";
  contact.kind = rules::EntryKind::contact;
  contact.display_name = "Service Desk 33900";
  contact.primary = contact.target = "m.exempel@elevstockholm.onmicrosoft.com";
  // No defined primary (two upper-case SMTP: values at the source): stays without one.
  rules::Entry& group = entries[3];
  group.id = "8f9619ff-8b86-d011-b42d-00c04fc964ff";
  group.kind = rules::EntryKind::group;
  group.display_name = "Ekonomi";
  group.proxies = {"ekonomi@stockholm.se", "eko@stockholm.se"};
  const ParsedEntries back = parse_ldif(files::write_ldif(entries), "saved.ldif");
  EXPECT_TRUE(back.diagnostics.empty());
  // The reader trims names as every source does.
  entries[0].display_name = "Sammanträdesrum Älvsjö";
  expect_same(back.entries, entries);
}

}  // namespace
}  // namespace galguard::directory
