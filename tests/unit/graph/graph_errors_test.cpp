// Graph's and the token endpoint's error bodies as one line.
#include <gtest/gtest.h>

#include "directory/graph/graph_errors.hpp"

namespace galguard::directory::graph {
namespace {

TEST(GraphErrors, GraphBodies) {
  const struct {
    long status;
    std::string_view body, want;
  } cases[] = {
      {403,
       R"({"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2024-01-01T00:00:00","request-id":"1c2d","client-request-id":"9f"}}})",
       "403 Authorization_RequestDenied: Insufficient privileges to complete the operation. "
       "(request-id 1c2d)"},
      {429, R"({"error":{"code":"TooManyRequests","message":"x","innerError":{"requestId":"r2"}}})",
       "429 TooManyRequests: x (request-id r2)"},
      {400, R"({"error":{"code":"Request_UnsupportedQuery","message":"Bad $top"}})",
       "400 Request_UnsupportedQuery: Bad $top"},
      {502, "<html>\r\n<b>Bad gateway</b>\r\n</html>", "502: <html>  <b>Bad gateway</b>  </html>"},
      {500, "", "500"},
      {500, R"({"error":"not an object"})", R"(500: {"error":"not an object"})"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(graph_error_text(c.status, c.body), c.want) << c.body;
  EXPECT_EQ(parse_graph_error(R"({"error":{"code":"syncStateNotFound"}})").code,
            "syncStateNotFound");
}

TEST(GraphErrors, TokenBodies) {
  EXPECT_EQ(
      token_error_text(
          401,
          R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: x","error_codes":[7000215],"trace_id":"t-1","correlation_id":"c-1"})"),
      "401 invalid_client: AADSTS7000215: Invalid client secret provided. (error codes "
      "7000215, trace id t-1)");
  EXPECT_EQ(token_error_text(400, R"({"error":"invalid_scope"})"), "400 invalid_scope");
  EXPECT_EQ(token_error_text(503, "Service Unavailable"), "503: Service Unavailable");
}

TEST(GraphErrors, OneLine) {
  EXPECT_EQ(one_line("  a\nb\x1b[31m  "), "a b [31m");
  EXPECT_EQ(one_line("abcdef", 3), "abc…");
  EXPECT_EQ(one_line("aåå", 2), "a…");  // not inside the two bytes of "å"
}

}  // namespace
}  // namespace galguard::directory::graph
