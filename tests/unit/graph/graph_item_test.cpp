// The shared Graph object mapping as the live source uses it: collection hints, delta markers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "directory/files/graph_item.hpp"

namespace galguard::directory::files {
namespace {

using nlohmann::json;
using rules::EntryKind;

TEST(GraphItem, CollectionHintGivesTheKind) {
  const GraphItem contact =
      map_graph_item(json::parse(R"({"id":"c1","displayName":" Service Desk 33900 ",
                      "mail":"m.exempel@elevstockholm.onmicrosoft.com"})"),
                     EntryKind::contact);
  ASSERT_TRUE(contact.entry);
  EXPECT_EQ(contact.entry->kind, EntryKind::contact);
  EXPECT_EQ(contact.entry->display_name, "Service Desk 33900");
  EXPECT_EQ(contact.entry->target, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(contact.entry->source, "");  // the caller's to set
}

TEST(GraphItem, NotInTheAddressBook) {
  for (const char* item :
       {R"({"id":"u1","@removed":{"reason":"deleted"}})",
        R"({"id":"g1","mail":"g@x.se","mailEnabled":false})",
        R"({"id":"u2","displayName":"No Mailbox","userPrincipalName":"n@x.se"})"}) {
    const GraphItem mapped = map_graph_item(json::parse(item), std::nullopt);
    EXPECT_FALSE(mapped.entry) << item;
    EXPECT_EQ(mapped.error, "") << item;
  }
}

TEST(GraphItem, WrongTypesAreReported) {
  EXPECT_EQ(map_graph_item(json::parse(R"({"id":"u","mail":7})"), EntryKind::user).error,
            "\"mail\" is not a string; item skipped");
  EXPECT_EQ(map_graph_item(json::parse("[]"), EntryKind::user).error,
            "item is not a JSON object; skipped");
}

TEST(GraphItem, SelectHasEveryFieldTheMappingReads) {
  for (EntryKind kind : {EntryKind::user, EntryKind::contact, EntryKind::group}) {
    const std::string select(graph_select(kind));
    for (const char* field : {"id", "displayName", "mail", "proxyAddresses"})
      EXPECT_NE(select.find(field), std::string::npos) << select;
  }
  EXPECT_NE(graph_select(EntryKind::user).find("userType"), std::string::npos);
  EXPECT_NE(graph_select(EntryKind::group).find("mailEnabled"), std::string::npos);
}

}  // namespace
}  // namespace galguard::directory::files
