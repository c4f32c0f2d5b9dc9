// Loading a 100,000-object AD-like directory from a private slapd through the LDAP source (page
// size 1000, as AD's MaxPageSize): entries per second and the process's peak RSS. Needs root and
// slapd (tests/integration/ldap/slapd_fixture.hpp); skips otherwise.
#include <benchmark/benchmark.h>

#include "directory/ldap/ldap_source.hpp"
#include "tests/bench/peak_rss.hpp"
#include "tests/integration/ldap/slapd_fixture.hpp"

namespace {

void BM_LdapLoad100k(benchmark::State& state) {
  namespace testing = galguard::testing;
  namespace directory = galguard::directory;
  if (const std::string why = testing::slapd_unavailable(); !why.empty()) {
    state.SkipWithError(why.c_str());
    return;
  }
  testing::Slapd slapd(100'000);
  directory::LdapOptions options;
  options.bind_dn = std::string(testing::ad::kServiceDn);
  options.password_env = "GALGUARD_BENCH_LDAP_PASSWORD";
  setenv("GALGUARD_BENCH_LDAP_PASSWORD", std::string(testing::ad::kServicePassword).c_str(), 1);
  options.page_size = 1000;
  const double rss_before = galguard::bench::peak_rss_mib();
  std::size_t entries = 0;
  std::size_t pages = 0;
  for (auto _ : state) {
    const auto source = directory::open_ldap_source(
        slapd.ldap_url(), options, [&](const directory::LoadProgress& p) { pages = p.pages; });
    const directory::LoadResult result = source->load();
    entries += result.snapshot->entries().size();
    benchmark::DoNotOptimize(result.snapshot.get());
  }
  state.counters["entries"] = static_cast<double>(slapd.counts().gal);
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["entries_per_second"] =
      benchmark::Counter(static_cast<double>(entries), benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = galguard::bench::peak_rss_mib();
  state.counters["peak_rss_before_load_MiB"] = rss_before;
}

BENCHMARK(BM_LdapLoad100k)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
