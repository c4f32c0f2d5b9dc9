// URL building and naming for the Graph source.
#include <gtest/gtest.h>

#include "directory/graph/graph_urls.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {
namespace {

TEST(GraphUrls, QueryEscape) {
  const struct {
    std::string_view in, want;
  } cases[] = {
      {"abc-._~XYZ09", "abc-._~XYZ09"},
      {"mailEnabled eq true", "mailEnabled%20eq%20true"},
      {"id,displayName", "id%2CdisplayName"},
      {"a&b=c/d?e#f+g", "a%26b%3Dc%2Fd%3Fe%23f%2Bg"},
      {"å", "%C3%A5"},
      {"", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(query_escape(c.in), c.want) << "in: " << c.in;
}

TEST(GraphUrls, TenantOfUrl) {
  EXPECT_EQ(tenant_of_url("graph://contoso.onmicrosoft.com"), "contoso.onmicrosoft.com");
  EXPECT_EQ(tenant_of_url("graph://72f988bf-86f1-41af-91ab-2d7cd011db47/"),
            "72f988bf-86f1-41af-91ab-2d7cd011db47");
  for (std::string_view bad : {"graph://", "graph:///", "graph://a/b", "graph://a?x=1",
                               "graph://user@host", "ldap://x", "graph://a%2F"})
    EXPECT_THROW(tenant_of_url(bad), rules::InputError) << bad;
}

TEST(GraphUrls, TokenUrlAndScope) {
  GraphOptions options;
  EXPECT_EQ(token_url(options, "contoso.onmicrosoft.com"),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  EXPECT_EQ(token_scope(options), "https://graph.microsoft.com/.default");
  options.authority = "https://login.microsoftonline.us/";
  options.graph = "https://graph.microsoft.us/";
  EXPECT_EQ(token_url(options, "t"), "https://login.microsoftonline.us/t/oauth2/v2.0/token");
  EXPECT_EQ(token_scope(options), "https://graph.microsoft.us/.default");
}

TEST(GraphUrls, CollectionUrls) {
  GraphOptions options;
  EXPECT_EQ(collection_url(options, rules::EntryKind::user, false),
            "https://graph.microsoft.com/v1.0/users?$select=id%2CdisplayName%2Cmail%2C"
            "proxyAddresses%2CuserPrincipalName%2CuserType%2CshowInAddressList%2C"
            "onPremisesLastSyncDateTime%2CcreatedDateTime&$top=999");
  EXPECT_EQ(collection_url(options, rules::EntryKind::contact, false),
            "https://graph.microsoft.com/v1.0/contacts?$select=id%2CdisplayName%2Cmail%2C"
            "proxyAddresses%2ConPremisesLastSyncDateTime&$top=999");
  EXPECT_EQ(collection_url(options, rules::EntryKind::group, false),
            "https://graph.microsoft.com/v1.0/groups?$filter=mailEnabled%20eq%20true&$select=id%2C"
            "displayName%2Cmail%2CproxyAddresses%2CmailEnabled%2ConPremisesLastSyncDateTime%2C"
            "createdDateTime&$top=999");
  EXPECT_EQ(collection_url(options, rules::EntryKind::group, true),
            "https://graph.microsoft.com/v1.0/groups/delta?$select=id%2CdisplayName%2Cmail%2C"
            "proxyAddresses%2CmailEnabled%2ConPremisesLastSyncDateTime%2CcreatedDateTime");
}

TEST(GraphUrls, UrlPath) {
  EXPECT_EQ(url_path("https://graph.microsoft.com/v1.0/users?$skiptoken=X"), "/v1.0/users");
  EXPECT_EQ(url_path("http://127.0.0.1:8080/v1.0/users/delta?$deltatoken=1#f"),
            "/v1.0/users/delta");
  EXPECT_EQ(url_path("https://graph.microsoft.com"), "/");
  EXPECT_EQ(url_path("/v1.0/groups?x"), "/v1.0/groups");
}

TEST(GraphUrls, IsBelow) {
  EXPECT_TRUE(is_below("https://graph.microsoft.com/v1.0/users?x", "https://graph.microsoft.com"));
  EXPECT_TRUE(is_below("https://graph.microsoft.com/v1.0/users", "https://graph.microsoft.com/"));
  EXPECT_FALSE(is_below("https://graph.microsoft.com.evil.example/v1.0/users",
                        "https://graph.microsoft.com"));
  EXPECT_FALSE(is_below("https://evil.example/v1.0/users", "https://graph.microsoft.com"));
  EXPECT_FALSE(is_below("http://graph.microsoft.com/v1.0/users", "https://graph.microsoft.com"));
}

}  // namespace
}  // namespace galguard::directory::graph
