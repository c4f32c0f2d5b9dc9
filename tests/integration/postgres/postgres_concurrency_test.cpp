// Several gateways on one PostgreSQL quarantine at once: threads with their own store (and
// connection) and separate processes, all holding, deciding and logging at the same moment. The
// hash chain must come out whole, every row counted, the INC-N numbers unique and gap-free.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gateway/quarantine/delivery_log_postgres.hpp"
#include "gateway/quarantine/postgres_store.hpp"
#include "tests/integration/postgres/postgres_fixture.hpp"
#include "tests/unit/quarantine/sample_messages.hpp"

namespace galguard::quarantine {
namespace {

using galguard::testing::postgres_unavailable;
using galguard::testing::PostgresCluster;

constexpr int kIterations = 30;
constexpr int kIncidentEvery = 5;
// Log rows one writer appends: held, viewed-body, released per iteration, and its incidents.
constexpr int kRowsPerWriter = 3 * kIterations + kIterations / kIncidentEvery;

// What one gateway does in a busy minute. Returns "" or what went wrong.
std::string busy_writer(const std::string& url, const std::string& name) {
  try {
    PostgresStore store(url);
    for (int i = 0; i < kIterations; ++i) {
      const std::string id =
          store.hold(testing::sample_message(1000 + i, name + "@example.com", {"protected-name"}));
      store.log(2000 + i, name, "viewed-body", id, "ticket " + std::to_string(i));
      store.transition(id, State::released, name, "checked with the sender", 3000 + i);
      if (i % kIncidentEvery == 0) {
        Incident incident;
        incident.message_id = id;
        store.create_incident(incident, name, 4000 + i);
      }
    }
    return "";
  } catch (const std::exception& e) {
    return name + ": " + e.what();
  }
}

class PostgresConcurrency : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = postgres_unavailable(); !why.empty()) GTEST_SKIP() << why;
    url = PostgresCluster::shared().create_database();
  }
  std::string url;
};

TEST_F(PostgresConcurrency, ThreadsAndProcessesWritingAtOnceKeepTheChainWhole) {
  { PostgresStore create_schema(url); }
  constexpr int kProcesses = 2;
  constexpr int kThreads = 4;
  // The processes first, while this one has no threads of its own yet (fork copies only the
  // caller). Each child exits with _exit: the cluster is the parent's to stop.
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      const std::string error = busy_writer(url, "process" + std::to_string(p));
      if (!error.empty()) std::fprintf(stderr, "%s\n", error.c_str());
      _exit(error.empty() ? 0 : 1);
    }
    children.push_back(pid);
  }
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] { errors[t] = busy_writer(url, "thread" + std::to_string(t)); });
  for (auto& thread : threads)
    thread.join();
  for (const pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a writer process failed";
  }
  for (const std::string& error : errors)
    EXPECT_EQ(error, "");

  PostgresStore store(url);
  const int writers = kProcesses + kThreads;
  const auto log = store.action_log(std::nullopt);
  EXPECT_EQ(log.size(), static_cast<std::size_t>(writers * kRowsPerWriter));
  const ChainCheck check = store.verify_chain();
  EXPECT_TRUE(check.ok) << "first bad seq " << check.first_bad_seq.value_or(-1);
  ListFilter released;
  released.state = State::released;
  EXPECT_EQ(store.count(released), static_cast<std::size_t>(writers * kIterations));
  EXPECT_EQ(store.count({}), static_cast<std::size_t>(writers * kIterations));

  // INC-1 .. INC-N, each once: the numbers a DPO cites to the authority.
  const auto incidents = store.incidents();
  const int want = writers * (kIterations / kIncidentEvery);
  ASSERT_EQ(incidents.size(), static_cast<std::size_t>(want));
  std::set<std::string> ids;
  for (const Incident& incident : incidents)
    ids.insert(incident.id);
  for (int n = 1; n <= want; ++n)
    EXPECT_EQ(ids.count("INC-" + std::to_string(n)), 1u) << n;
}

TEST_F(PostgresConcurrency, TwoGatewaysDecidingOneMessageOneWins) {
  PostgresStore first(url);
  PostgresStore second(url);
  for (int round = 0; round < 10; ++round) {
    const std::string id = first.hold(testing::sample_message(round, "a@example.com", {}));
    std::latch go(2);
    std::atomic<int> won{0};
    std::atomic<int> refused{0};
    auto decide = [&](PostgresStore& store, State to) {
      go.arrive_and_wait();
      try {
        store.transition(id, to, "dpo", "race", 100 + round);
        ++won;
      } catch (const StateError&) {
        ++refused;
      }
    };
    std::thread a(decide, std::ref(first), State::released);
    std::thread b(decide, std::ref(second), State::deleted);
    a.join();
    b.join();
    EXPECT_EQ(won, 1);
    EXPECT_EQ(refused, 1);
    EXPECT_EQ(first.action_log(id).size(), 2u);  // held, and the one decision
  }
  EXPECT_TRUE(second.verify_chain().ok);
}

TEST_F(PostgresConcurrency, GatewaysStartingTogetherOnAFreshDatabaseAllOpenIt) {
  constexpr int kGateways = 8;
  std::latch go(kGateways);
  std::vector<std::string> errors(kGateways);
  std::vector<std::thread> threads;
  for (int g = 0; g < kGateways; ++g) {
    threads.emplace_back([&, g] {
      go.arrive_and_wait();
      try {
        if (g % 2 == 0)
          PostgresStore store(url);
        else
          PostgresDeliveryLog log(url);
      } catch (const std::exception& e) {
        errors[g] = e.what();
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (const std::string& error : errors)
    EXPECT_EQ(error, "");
  pg::Connection check(url);
  EXPECT_EQ(check.exec("SELECT count(*) FROM schema_version").integer(0, 0), 1);
}

}  // namespace
}  // namespace galguard::quarantine
