// The Graph source when Graph throttles, refuses, expires the token or sends garbage: it waits as
// told, renews the token once, or fails with one clear line, and never hands out half a tenant.
#include <gtest/gtest.h>

#include "directory/graph/graph_source.hpp"
#include "rules/text/input_error.hpp"
#include "tests/integration/graph/graph_fixture.hpp"

namespace galguard::testing {
namespace {

using directory::open_graph_source;

class GraphFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = graph_standin_unavailable(); !why.empty()) GTEST_SKIP() << why;
  }

  // The load's error message; fails the test when the load succeeds.
  static std::string load_error(directory::DirectorySource& source) {
    try {
      source.load();
    } catch (const rules::InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << "load succeeded";
    return "";
  }
};

TEST_F(GraphFaults, ThrottledRequestIsRepeatedAfterRetryAfter) {
  GraphStandin graph(2500);
  graph.control(R"({"faults":[{"match":"/v1.0/users","nth":2,"status":429,"retry_after":1,
                               "code":"TooManyRequests","message":"Too many requests"}]})");
  auto source = open_graph_source(graph.url(), graph.options(), {});
  EXPECT_EQ(source->load().snapshot->entries().size(), standin_expected_entries(2500));

  const auto users = graph.requests("/v1.0/users");
  ASSERT_EQ(users.size(), 4u);  // page 1, page 2 throttled, page 2 again, page 3
  EXPECT_EQ(users[1]["status"], 429);
  EXPECT_EQ(users[2]["status"], 200);
  EXPECT_EQ(users[1]["query"], users[2]["query"]);
  EXPECT_GE(users[2]["t"].get<double>() - users[1]["t"].get<double>(), 1.0);
}

TEST_F(GraphFaults, RetryAfterLongerThanTheLimitGivesUp) {
  GraphStandin graph(10);
  graph.control(R"({"faults":[{"match":"/v1.0/contacts","status":429,"retry_after":600,
                               "code":"TooManyRequests","message":"Slow down"}]})");
  auto options = graph.options();
  options.max_retry_after = std::chrono::seconds(120);
  auto source = open_graph_source(graph.url(), options, {});
  const auto started = std::chrono::steady_clock::now();
  const std::string what = load_error(*source);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_TRUE(
      what.starts_with("graph://skarholmen.example: GET /v1.0/contacts: 429 TooManyRequests: "
                       "Slow down (request-id "))
      << what;
  EXPECT_TRUE(what.ends_with("; Retry-After 600 s is longer than max_retry_after 120 s, giving up"))
      << what;
}

TEST_F(GraphFaults, UnavailableWithoutRetryAfterIsRetriedWithBackoff) {
  GraphStandin graph(10);
  graph.control(
      R"({"faults":[{"match":"/v1.0/groups","status":503,"code":"serviceNotAvailable"}]})");
  auto source = open_graph_source(graph.url(), graph.options(), {});
  EXPECT_EQ(source->load().snapshot->entries().size(), standin_expected_entries(10));
  const auto groups = graph.requests("/v1.0/groups");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_GE(groups[1]["t"].get<double>() - groups[0]["t"].get<double>(), 1.0);
}

TEST_F(GraphFaults, RetriesAreCounted) {
  GraphStandin graph(10);
  graph.control(R"({"faults":[{"match":"/v1.0/users","count":10,"status":503,"retry_after":0,
                               "code":"serviceNotAvailable","message":"Try later"}]})");
  auto options = graph.options();
  options.max_retries = 2;
  auto source = open_graph_source(graph.url(), options, {});
  EXPECT_NE(load_error(*source).find("GET /v1.0/users: 503 serviceNotAvailable: Try later"),
            std::string::npos);
  EXPECT_EQ(graph.requests("/v1.0/users").size(), 3u);  // the first try and two retries
}

TEST_F(GraphFaults, ExpiredTokenIsRenewedOnce) {
  GraphStandin graph(2500);
  graph.control(R"({"faults":[{"match":"/v1.0/users","nth":2,"revoke_tokens":true}]})");
  auto source = open_graph_source(graph.url(), graph.options(), {});
  EXPECT_EQ(source->load().snapshot->entries().size(), standin_expected_entries(2500));
  EXPECT_EQ(graph.token_requests(), 2u);
  const auto users = graph.requests("/v1.0/users");
  ASSERT_EQ(users.size(), 4u);
  EXPECT_EQ(users[1]["status"], 401);
  EXPECT_EQ(users[2]["query"], users[1]["query"]);
}

TEST_F(GraphFaults, TokenRefusedAgainAfterRenewalIsAnError) {
  GraphStandin graph(10);
  graph.control(R"({"faults":[{"match":"/v1.0/users","count":5,"revoke_tokens":true}]})");
  auto source = open_graph_source(graph.url(), graph.options(), {});
  const std::string what = load_error(*source);
  EXPECT_NE(what.find("GET /v1.0/users: 401 InvalidAuthenticationToken: Access token has expired"),
            std::string::npos)
      << what;
  EXPECT_EQ(graph.token_requests(), 2u);
}

TEST_F(GraphFaults, ForbiddenNamesGraphsCodeAndMessage) {
  GraphStandin graph(10);
  graph.control(R"({"faults":[{"match":"/v1.0/contacts","status":403,
                               "code":"Authorization_RequestDenied",
                               "message":"Insufficient privileges to complete the operation."}]})");
  auto source = open_graph_source(graph.url(), graph.options(), {});
  const std::string what = load_error(*source);
  EXPECT_TRUE(what.starts_with(
      "graph://skarholmen.example: GET /v1.0/contacts: 403 Authorization_RequestDenied: "
      "Insufficient privileges to complete the operation. (request-id "))
      << what;
  EXPECT_EQ(graph.requests("/v1.0/contacts").size(), 1u);  // a 403 is not retried
}

TEST_F(GraphFaults, MalformedPageFailsTheLoadAndTheNextLoadIsWhole) {
  GraphStandin graph(2500);
  graph.control(R"({"faults":[{"match":"/v1.0/users","nth":2,"status":200,
                               "body":"<html>upstream error</html>"}]})");
  auto source = open_graph_source(graph.url(), graph.options(), {});
  EXPECT_EQ(load_error(*source),
            "graph://skarholmen.example: GET /v1.0/users: malformed page: not JSON "
            "(<html>upstream error</html>)");

  graph.control(R"({"faults":[{"match":"/v1.0/groups","status":200,"body":"{\"values\":[]}"}]})");
  EXPECT_EQ(load_error(*source),
            "graph://skarholmen.example: GET /v1.0/groups: malformed page: no \"value\" array");

  EXPECT_EQ(source->load().snapshot->entries().size(), standin_expected_entries(2500));
}

TEST_F(GraphFaults, BadItemIsReportedAndSkipped) {
  GraphStandin graph(10);
  graph.control(R"({"faults":[{"match":"/v1.0/contacts","status":200,"body":
    "{\"value\":[{\"id\":\"x1\",\"displayName\":\"Bad\",\"mail\":7},{\"displayName\":\"No Id\",\"mail\":\"n@partner.example\"},{\"id\":\"x2\",\"displayName\":\"Good\",\"mail\":\"g@partner.example\"}]}"}]})");
  const auto result = open_graph_source(graph.url(), graph.options(), {})->load();
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].place, "graph://skarholmen.example/contacts/x1");
  EXPECT_EQ(result.diagnostics[0].message, "\"mail\" is not a string; item skipped");
  EXPECT_EQ(result.diagnostics[1].place, "graph://skarholmen.example/contacts");
  EXPECT_EQ(result.diagnostics[1].message, "item without an \"id\"; skipped");
  // The users and groups of the tenant, and the one good contact of the injected page.
  EXPECT_EQ(result.snapshot->entries().size(), standin_expected_entries(10) - 3 + 1);
}

TEST_F(GraphFaults, NextLinkToAnotherHostIsRefused) {
  GraphStandin graph(10);
  graph.control(R"({"faults":[{"match":"/v1.0/users","status":200,
    "body":"{\"value\":[],\"@odata.nextLink\":\"https://evil.example/v1.0/users?$skiptoken=1\"}"}]})");
  auto source = open_graph_source(graph.url(), graph.options(), {});
  const std::string what = load_error(*source);
  EXPECT_NE(what.find("GET /v1.0/users: malformed page: \"@odata.nextLink\" leads outside http"),
            std::string::npos)
      << what;
}

}  // namespace
}  // namespace galguard::testing
