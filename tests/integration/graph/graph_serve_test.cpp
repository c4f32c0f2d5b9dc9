// `galguard serve` with Entra ID (the Graph stand-in) as its directory: the source stays open
// between refreshes, so after the first full round each refresh asks only for what changed.
#include <gtest/gtest.h>

#include "tests/integration/galguard_process.hpp"
#include "tests/integration/graph/graph_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

TEST(GraphServe, RefreshesAreDeltaRoundsThatApplyTheChanges) {
  if (const std::string why = graph_standin_unavailable(); !why.empty()) GTEST_SKIP() << why;
  GraphStandin graph(100);
  const auto options = graph.options();  // also writes the secret file
  detail::TempDir dir;
  GalguardProcess gateway(
      dir.path() + "/galguard", free_port(),
      {{"directory", "sources = [\"" + graph.url() + "\"]\nrefresh_interval = \"1s\""},
       {"directory.graph", "authority = \"" + graph.base() + "\"\ngraph = \"" + graph.base() +
                               "\"\nclient_id = \"" + options.client_id +
                               "\"\nclient_secret_file = \"" + options.client_secret_file + "\""}});
  gateway.start();
  const std::string loaded = "directory loaded: " + graph.url() + " (";
  const std::size_t full = standin_expected_entries(100);
  EXPECT_NE(gateway.log().find(loaded + std::to_string(full) + " entries)"), std::string::npos)
      << gateway.log();

  graph.control(R"({"mutate":true})");
  graph.clear_log();
  // Two entries fewer after the changes (see GraphDelta.SecondLoadFetchesOnlyTheChanges).
  const std::string changed = loaded + std::to_string(full - 2) + " entries)";
  ASSERT_TRUE(wait_until([&] { return gateway.log().find(changed) != std::string::npos; }, 15s))
      << gateway.log();
  const auto requests = graph.requests("/v1.0/");
  ASSERT_FALSE(requests.empty());
  for (const auto& request : requests)
    EXPECT_NE(request["query"].get<std::string>().find("$deltatoken"), std::string::npos)
        << request.dump();
  EXPECT_GE(count_of(gateway.log(), loaded), 2u);
}

}  // namespace
}  // namespace galguard::testing
