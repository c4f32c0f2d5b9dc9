// Audit of 1M synthetic entries (target: ≤ 30 s, ≤ 2 GiB peak RSS), snapshot build included.
#include <benchmark/benchmark.h>

#include "directory/audit/auditor.hpp"
#include "tests/bench/peak_rss.hpp"
#include "tests/bench/synthetic_directory.hpp"

namespace galguard::bench {
namespace {

void BM_Audit(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const rules::Policy policy = rules::parse_policy(kBenchPolicy, "bench.toml");
  std::size_t findings = 0;
  for (auto _ : state) {
    rules::Snapshot snapshot(synthetic_entries(count));
    directory::AuditReport report = directory::audit(snapshot, policy);
    findings = report.findings.size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["entries"] = static_cast<double>(count);
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(count));
}
BENCHMARK(BM_Audit)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace galguard::bench

BENCHMARK_MAIN();
