// Delta mode: a long-lived source reads the tenant once, then only what changed; expired delta
// tokens lead back to a full round.
#include <gtest/gtest.h>

#include "directory/graph/graph_source.hpp"
#include "rules/text/input_error.hpp"
#include "tests/integration/graph/graph_fixture.hpp"

namespace galguard::testing {
namespace {

using directory::open_graph_source;

std::set<std::string> names(const directory::LoadResult& result) {
  std::set<std::string> out;
  for (const auto& e : result.snapshot->entries())
    out.insert(e.display_name);
  return out;
}

class GraphDelta : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = graph_standin_unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
  directory::GraphOptions delta_options(const GraphStandin& graph) {
    auto options = graph.options();
    options.delta = true;
    return options;
  }
};

TEST_F(GraphDelta, SecondLoadFetchesOnlyTheChanges) {
  GraphStandin graph(2500);
  auto source = open_graph_source(graph.url(), delta_options(graph), {});
  const auto first = source->load();
  EXPECT_EQ(first.snapshot->entries().size(), standin_expected_entries(2500));
  for (const auto& request : graph.requests("/v1.0/")) {
    EXPECT_TRUE(request["path"].get<std::string>().ends_with("/delta")) << request.dump();
    EXPECT_EQ(request["query"].get<std::string>().find("$deltatoken"), std::string::npos);
  }
  EXPECT_TRUE(names(first).contains("Service Desk 33900"));

  graph.control(R"({"mutate":true})");
  graph.clear_log();
  const auto second = source->load();
  const auto requests = graph.requests("/v1.0/");
  ASSERT_EQ(requests.size(), 3u);  // one delta link per collection, nothing else
  for (const auto& request : requests)
    EXPECT_NE(request["query"].get<std::string>().find("$deltatoken"), std::string::npos);

  const auto now = names(second);
  EXPECT_TRUE(now.contains("User 000001 (renamed)"));
  EXPECT_FALSE(now.contains("User 000001"));
  EXPECT_FALSE(now.contains("User 000002"));         // @removed
  EXPECT_TRUE(now.contains("New Colleague"));        // added
  EXPECT_FALSE(now.contains("Service Desk 33900"));  // @removed contact
  EXPECT_FALSE(now.contains("Group 000000"));        // no longer mail-enabled
  EXPECT_EQ(second.snapshot->entries().size(), first.snapshot->entries().size() - 2);
  EXPECT_EQ(graph.token_requests(), 0u);  // the first load's token still serves

  const auto third = source->load();  // nothing changed since
  EXPECT_EQ(names(third), now);
}

TEST_F(GraphDelta, FailedDeltaLoadKeepsTheStateForTheNextOne) {
  GraphStandin graph(100);
  auto options = delta_options(graph);
  options.max_retries = 0;
  auto source = open_graph_source(graph.url(), options, {});
  const auto first = source->load();
  graph.control(R"({"mutate":true,"faults":[{"match":"/v1.0/groups","status":503}]})");
  EXPECT_THROW(source->load(), rules::InputError);  // users' changes read, groups failed
  const auto second = source->load();
  EXPECT_TRUE(names(second).contains("New Colleague"));
  EXPECT_FALSE(names(second).contains("Group 000000"));
  EXPECT_EQ(second.snapshot->entries().size(), first.snapshot->entries().size() - 2);
}

void expect_resync(GraphStandin& graph, directory::DirectorySource& source,
                   const std::string& gone) {
  const auto first = source.load();
  graph.control(R"({"mutate":true,"delta_gone":)" + gone + "}");
  graph.clear_log();
  const auto second = source.load();
  EXPECT_EQ(second.snapshot->entries().size(), first.snapshot->entries().size() - 2);
  EXPECT_TRUE(names(second).contains("New Colleague"));
  // Per collection: the refused delta link, then a full round from the start.
  const auto users = graph.requests("/v1.0/users");
  ASSERT_EQ(users.size(), 2u);
  EXPECT_NE(users[0]["query"].get<std::string>().find("$deltatoken"), std::string::npos);
  EXPECT_NE(users[1]["query"].get<std::string>().find("$select="), std::string::npos);
}

TEST_F(GraphDelta, GoneStartsAFullRound) {
  GraphStandin graph(100);
  auto source = open_graph_source(graph.url(), delta_options(graph), {});
  expect_resync(graph, *source, R"({"status":410,"code":"resyncRequired"})");
}

TEST_F(GraphDelta, SyncStateNotFoundStartsAFullRound) {
  GraphStandin graph(100);
  auto source = open_graph_source(graph.url(), delta_options(graph), {});
  expect_resync(graph, *source, R"({"status":400,"code":"syncStateNotFound"})");
}

}  // namespace
}  // namespace galguard::testing
