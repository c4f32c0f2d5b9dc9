// The Graph source reading a whole tenant from the stand-in: counts, the reference entry, the
// queries it sends, paging and the token cache.
#include <gtest/gtest.h>

#include <algorithm>

#include "directory/files/mapping.hpp"
#include "directory/graph/graph_source.hpp"
#include "directory/source.hpp"
#include "rules/text/input_error.hpp"
#include "tests/integration/graph/graph_fixture.hpp"

namespace galguard::testing {
namespace {

using directory::LoadProgress;
using directory::open_graph_source;

const rules::Entry* find_named(const rules::Snapshot& snapshot, const std::string& name) {
  for (const auto& e : snapshot.entries())
    if (e.display_name == name) return &e;
  return nullptr;
}

class GraphLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = graph_standin_unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
};

TEST_F(GraphLoad, WholeTenantOverSeveralPages) {
  GraphStandin graph(2500);
  std::vector<LoadProgress> progress;
  auto source = open_graph_source(graph.url(), graph.options(),
                                  [&](const LoadProgress& p) { progress.push_back(p); });
  const directory::LoadResult result = source->load();

  EXPECT_EQ(result.snapshot->entries().size(), standin_expected_entries(2500));
  EXPECT_TRUE(result.diagnostics.empty());
  const rules::Entry* rogue = find_named(*result.snapshot, "Service Desk 33900");
  ASSERT_NE(rogue, nullptr);
  EXPECT_EQ(rogue->kind, rules::EntryKind::contact);
  EXPECT_EQ(rogue->primary, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue->target, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue->proxies, std::vector<std::string>{"m.exempel@elevstockholm.onmicrosoft.com"});
  EXPECT_EQ(directory::files::tenant_of_address(rogue->primary), "elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue->id, "8b7c6d5e-4f3a-4e2b-8c1d-0e9f8a7b6c08");
  EXPECT_EQ(rogue->source,
            "graph://skarholmen.example/contacts/8b7c6d5e-4f3a-4e2b-8c1d-0e9f8a7b6c08");
  EXPECT_EQ(rogue->changed_at, "2021-03-22T16:05:00Z");
  const rules::Entry* hidden = find_named(*result.snapshot, "Löner Skärholmen");
  ASSERT_NE(hidden, nullptr);
  EXPECT_TRUE(hidden->hidden);
  EXPECT_EQ(find_named(*result.snapshot, "Group 000001"), nullptr);  // not mail-enabled

  // users: 2506 in pages of 999 → 3; contacts 252 → 1; mail-enabled groups 125 → 1.
  ASSERT_EQ(progress.size(), 5u);
  EXPECT_EQ(progress.back().pages, 5u);
  EXPECT_EQ(progress.back().entries, 2506u + 252u + 125u);
  EXPECT_EQ(graph.token_requests(), 1u);  // one token for the three collections
}

TEST_F(GraphLoad, SendsSelectTopAndTheGroupFilterAndFollowsNextLinks) {
  GraphStandin graph(2500);
  open_graph_source(graph.url(), graph.options(), {})->load();

  const auto users = graph.requests("/v1.0/users", "GET");
  ASSERT_EQ(users.size(), 3u);
  for (std::size_t i = 0; i < users.size(); ++i) {
    const std::string query = users[i]["query"];
    EXPECT_NE(query.find("$top=999"), std::string::npos) << query;
    EXPECT_NE(query.find("$select=id%2CdisplayName%2Cmail%2CproxyAddresses%2CuserPrincipalName"),
              std::string::npos)
        << query;
    EXPECT_EQ(query.find("$skiptoken") != std::string::npos, i > 0) << query;
    EXPECT_EQ(users[i]["status"], 200);
  }
  const auto groups = graph.requests("/v1.0/groups", "GET");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_NE(groups[0]["query"].get<std::string>().find("$filter=mailEnabled%20eq%20true"),
            std::string::npos);
  EXPECT_EQ(graph.requests("/v1.0/contacts", "GET").size(), 1u);
}

TEST_F(GraphLoad, TokenIsReusedByTheNextLoad) {
  GraphStandin graph(10);
  auto source = open_graph_source(graph.url(), graph.options(), {});
  const auto first = source->load();
  const auto second = source->load();
  EXPECT_EQ(first.snapshot->entries().size(), second.snapshot->entries().size());
  EXPECT_EQ(graph.token_requests(), 1u);
  EXPECT_EQ(graph.requests("/v1.0/users").size(), 2u);
}

TEST_F(GraphLoad, ShortLivedTokenIsRenewed) {
  // A token for 2 s is kept for half its life; after that the next load gets a new one.
  StandinOptions short_lived;
  short_lived.token_lifetime = 2;
  GraphStandin graph(10, short_lived);
  auto source = open_graph_source(graph.url(), graph.options(), {});
  source->load();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  source->load();
  EXPECT_EQ(graph.token_requests(), 2u);
}

TEST_F(GraphLoad, EmptyTenantIsAnError) {
  StandinOptions no_sample;
  no_sample.sample = false;
  GraphStandin graph(0, no_sample);
  auto source = open_graph_source(graph.url(), graph.options(), {});
  try {
    source->load();
    FAIL() << "an empty directory loaded";
  } catch (const rules::InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "graph://skarholmen.example: no directory entry with a mail address found");
  }
}

TEST_F(GraphLoad, OpenSourceDispatchesGraphUrls) {
  GraphStandin graph(0);
  directory::SourceOptions options;
  options.graph = graph.options();
  auto source = directory::open_source(graph.url(), options);
  EXPECT_EQ(source->describe(), "graph://skarholmen.example");
  EXPECT_EQ(source->load().snapshot->entries().size(), 8u);
}

TEST_F(GraphLoad, UnreachableServerIsAClearError) {
  directory::GraphOptions options;
  options.authority = options.graph = "http://127.0.0.1:" + std::to_string(free_port());
  options.client_id = kStandinClientId;
  options.max_retries = 1;
  options.client_secret_env = "GALGUARD_TEST_UNREACHABLE_SECRET";
  setenv("GALGUARD_TEST_UNREACHABLE_SECRET", "x", 1);
  auto source = open_graph_source("graph://skarholmen.example", options, {});
  try {
    source->load();
    FAIL() << "loaded from nowhere";
  } catch (const rules::InputError& e) {
    const std::string what = e.what();
    EXPECT_TRUE(what.starts_with("graph://skarholmen.example: POST http://127.0.0.1:")) << what;
    EXPECT_NE(what.find("gave up after 1 retries"), std::string::npos) << what;
  }
  unsetenv("GALGUARD_TEST_UNREACHABLE_SECRET");
}

// As an admin runs it: the tenant on the command line, how to reach it in the config, the
// secret in the environment (never an option). The Skärholmen entry is found.
TEST_F(GraphLoad, GalguardAuditReadsTheTenantNamedInTheConfig) {
  GraphStandin graph(100);
  const std::string config = graph.dir() + "/galguard.toml";
  std::ofstream(config) << "[directory.graph]\nauthority = \"" << graph.base() << "\"\ngraph = \""
                        << graph.base() << "\"\nclient_id = \"" << kStandinClientId
                        << "\"\nclient_secret_env = \"GALGUARD_TEST_GRAPH_SECRET\"\n";
  setenv("GALGUARD_TEST_GRAPH_SECRET", kStandinSecret, 1);
  const CommandResult run =
      run_command({GALGUARD_BINARY, "audit", "--config", config, "--directory", graph.url(),
                   "--policy", std::string(GALGUARD_SOURCE_DIR) + "/samples/policy.toml"});
  unsetenv("GALGUARD_TEST_GRAPH_SECRET");
  EXPECT_EQ(run.exit_code, 1) << run.output.substr(0, 4000);
  EXPECT_NE(run.output.find("audit: " + std::to_string(standin_expected_entries(100)) + " entries"),
            std::string::npos)
      << run.output.substr(0, 4000);
  EXPECT_NE(run.output.find("entry-role-name-foreign-address The address-book entry \"Service "
                            "Desk 33900\""),
            std::string::npos)
      << run.output.substr(0, 4000);
  // The secret is never echoed.
  EXPECT_EQ(run.output.find(kStandinSecret), std::string::npos);
}

}  // namespace
}  // namespace galguard::testing
