// Loading a large tenant through the Graph source: the stand-in (tests/integration/graph/) serves
// 100,000 generated users (plus 10,000 contacts and 10,000 groups) and open_graph_source reads
// them in pages of 999. Reports entries/s and this process's peak RSS (the stand-in's own memory
// is not counted). Needs /usr/bin/python3.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "directory/graph/graph_source.hpp"
#include "tests/bench/peak_rss.hpp"
#include "tests/integration/graph/graph_fixture.hpp"

namespace {

void BM_GraphLoad(benchmark::State& state) {
  if (const std::string why = galguard::testing::graph_standin_unavailable(); !why.empty()) {
    state.SkipWithError(why.c_str());
    return;
  }
  const int users = static_cast<int>(state.range(0));
  galguard::testing::GraphStandin graph(users);
  auto source = galguard::directory::open_graph_source(graph.url(), graph.options(), {});
  std::size_t entries = 0;
  for (auto _ : state) {
    const auto result = source->load();
    entries = result.snapshot->entries().size();
    benchmark::DoNotOptimize(result.snapshot.get());
  }
  state.counters["entries"] = static_cast<double>(entries);
  state.counters["entries/s"] = benchmark::Counter(static_cast<double>(entries),
                                                   benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_MiB"] = galguard::bench::peak_rss_mib();
}
BENCHMARK(BM_GraphLoad)->Arg(100000)->Iterations(2)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
