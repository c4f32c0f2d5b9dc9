// Held messages per second into the quarantine: SQLite (one file, WAL, synchronous=FULL) and
// PostgreSQL (synchronous_commit on), each hold a durable commit with its action log row, the
// acknowledgement discipline's cost per held message. The message is the reference case with a
// body of a few KB. PostgreSQL is the server GALGUARD_BENCH_PG_URL names (a database the bench
// may fill), else a private cluster as the integration tests start (needs root); without either
// the PostgreSQL benchmarks are skipped. Threads: that many gateways (a store each) on one
// database.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "gateway/quarantine/postgres_store.hpp"
#include "gateway/quarantine/sqlite_store.hpp"
#include "tests/integration/postgres/postgres_fixture.hpp"

namespace galguard::bench {
namespace {

quarantine::HeldMessage reference_message() {
  std::ifstream in(
      std::string(GALGUARD_SOURCE_DIR) + "/samples/messages/01-skarholmen-incident.eml",
      std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::string raw = text.str();
  // Pad the body to about 4 KiB, as a short letter with a signature would be.
  while (raw.size() < 4096)
    raw += "Hej! Bifogar underlaget till mötet, med personnummer för de berörda eleverna.\r\n";
  quarantine::HeldMessage m;
  m.received_at = 1'764'028'800;
  m.raw = std::move(raw);
  m.envelope = {"it.skarholmen@stockholm.se",
                {"m.exempel@elevstockholm.onmicrosoft.com"},
                "mail.stockholm.se",
                "192.0.2.7",
                "mail.stockholm.se"};
  m.verdict_json = R"({"action":"quarantine","severity":"high","findings":[]})";
  m.codes = {"protected-name", "foreign-tenant-internal-name"};
  m.personal_data = {3, {"identity_number"}};
  return m;
}

const std::string& sqlite_path() {
  static testing::detail::TempDir dir;
  static const std::string path = dir.path() + "/quarantine.db";
  return path;
}

// "" when there is no PostgreSQL to use; the reason in *why.
const std::string& postgres_url(std::string* why) {
  static std::string reason;
  static const std::string url = [] {
    if (const char* env = std::getenv("GALGUARD_BENCH_PG_URL"); env && *env)
      return std::string(env);
    reason = testing::postgres_unavailable();
    if (!reason.empty()) return std::string();
    return testing::PostgresCluster::shared().create_database();
  }();
  *why = reason;
  return url;
}

void run_holds(benchmark::State& state, quarantine::QuarantineStore& store) {
  const quarantine::HeldMessage message = reference_message();
  for (auto _ : state) {
    benchmark::DoNotOptimize(store.hold(message));  // an empty id: the store picks a new one
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.raw.size()));
}

void BM_HoldSqlite(benchmark::State& state) {
  quarantine::SqliteStore store(sqlite_path());
  run_holds(state, store);
}
BENCHMARK(BM_HoldSqlite)->UseRealTime()->Threads(1)->Threads(4);

void BM_HoldPostgres(benchmark::State& state) {
  std::string why;
  const std::string& url = postgres_url(&why);
  if (url.empty()) {
    state.SkipWithError(why.c_str());
    for (auto _ : state) {
    }
    return;
  }
  quarantine::PostgresStore store(url);
  run_holds(state, store);
}
BENCHMARK(BM_HoldPostgres)->UseRealTime()->Threads(1)->Threads(4);

}  // namespace
}  // namespace galguard::bench

BENCHMARK_MAIN();
