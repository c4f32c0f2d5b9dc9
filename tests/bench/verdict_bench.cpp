// Verdict for a 5-recipient message against a 100k-entry directory (target: ≥ 100k messages/s
// on one core). The message view is parsed once; parse cost is measured on its own.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>

#include "rules/checks/function_typos.hpp"
#include "rules/checks/verdict.hpp"
#include "rules/text/normalize.hpp"
#include "tests/bench/peak_rss.hpp"
#include "tests/bench/synthetic_directory.hpp"

namespace galguard::bench {
namespace {

const rules::Policy& policy() {
  static const rules::Policy p = rules::parse_policy(kBenchPolicy, "bench.toml");
  return p;
}

// With its typo index built, as the gateway's audit after each load leaves it.
const rules::Snapshot& directory() {
  static const rules::Snapshot snapshot = [] {
    rules::Snapshot s(synthetic_entries(100'000));
    rules::function_typos(s, policy());
    return s;
  }();
  return snapshot;
}

// Everyday mail: colleagues, a partner, an unknown external address. Nothing fires.
const char* kTypical =
    "From: Anna <user1@stockholm.se>\r\n"
    "To: \"Johansson, Erik (enhet 3)\" <user6041@stockholm.se>, \"Karlsson, Maria (enhet "
    "0)\" <user82@stockholm.se>\r\n"
    "Cc: \"Johansson, Maria (enhet 1)\" <user2042@stockholm.se>, Servicedesk Fujitsu "
    "<servicedesk.stockholm@fujitsu.com>, Kalle Kund <kalle@example.com>\r\n"
    "Subject: =?utf-8?q?Veckom=C3=B6te?=\r\n"
    "Message-ID: <2@stockholm.se>\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Hej! Här kommer dagordningen för veckomötet på torsdag. Vänliga hälsningar, Anna\r\n";

// Harsh mail: three of five recipients are suspicious (a colleague's name on another
// colleague's address, the Skärholmen case, a directory name at gmail), three are external.
const char* kRaw =
    "From: Anna <user1@stockholm.se>\r\n"
    "To: \"Andersson, Erik (enhet 3)\" <user6041@stockholm.se>, \"Karlsson, Maria (enhet "
    "0)\" <user82@stockholm.se>\r\n"
    "Cc: Kalle Kund <kalle@example.com>, =?utf-8?q?Service_Desk_33900?= "
    "<m.exempel@elevstockholm.onmicrosoft.com>\r\n"
    "Bcc: \"Nilsson, Lars (enhet 1)\" <someone@gmail.com>\r\n"
    "Subject: =?utf-8?q?Veckom=C3=B6te?=\r\n"
    "Message-ID: <1@stockholm.se>\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Hej! Här kommer dagordningen för veckomötet på torsdag. Vänliga hälsningar, Anna\r\n";

void BM_Verdict5Recipients100kDirectory(benchmark::State& state) {
  const auto& d = directory();
  const auto& p = policy();
  rules::MessageView message = rules::parse_message(kRaw);
  if (message.recipients.size() != 5) state.SkipWithError("expected 5 recipients");
  for (auto _ : state) {
    rules::Verdict v = rules::evaluate(message, d, p);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Verdict5Recipients100kDirectory);

void BM_VerdictTypical5Recipients100kDirectory(benchmark::State& state) {
  const auto& d = directory();
  const auto& p = policy();
  rules::MessageView message = rules::parse_message(kTypical);
  if (message.recipients.size() != 5) state.SkipWithError("expected 5 recipients");
  if (!rules::evaluate(message, d, p).findings.empty()) state.SkipWithError("expected no finding");
  for (auto _ : state) {
    rules::Verdict v = rules::evaluate(message, d, p);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerdictTypical5Recipients100kDirectory);

void BM_ParseAndVerdict(benchmark::State& state) {
  const auto& d = directory();
  const auto& p = policy();
  for (auto _ : state) {
    rules::Verdict v = rules::evaluate(rules::parse_message(kRaw), d, p);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseAndVerdict);

// Where a verdict's time goes, piece by piece.
void BM_NameKey(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(rules::name_key("Andersson, Erik (enhet 3)"));
}
BENCHMARK(BM_NameKey);

void BM_SkeletonKey(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(rules::skeleton_key("Andersson, Erik (enhet 3)"));
}
BENCHMARK(BM_SkeletonKey);

void BM_ProtectedNamePatterns(benchmark::State& state) {
  const auto& p = policy();
  for (auto _ : state)
    for (const auto& rule : p.protected_names)
      benchmark::DoNotOptimize(rule.pattern.matches("Andersson, Erik (enhet 3)"));
}
BENCHMARK(BM_ProtectedNamePatterns);

void BM_LooksLikeFunction(benchmark::State& state) {
  const auto& p = policy();
  for (auto _ : state)
    benchmark::DoNotOptimize(p.looks_like_function("Andersson, Erik (enhet 3)"));
}
BENCHMARK(BM_LooksLikeFunction);

void BM_DetectPersonalData(benchmark::State& state) {
  rules::MessageView message = rules::parse_message(kRaw);
  for (auto _ : state)
    benchmark::DoNotOptimize(rules::detect_personal_data(message.texts));
}
BENCHMARK(BM_DetectPersonalData);

void BM_CheckRecipient(benchmark::State& state) {
  const auto& d = directory();
  const auto& p = policy();
  rules::MessageView message = rules::parse_message(kRaw);
  const auto& r = message.recipients[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(r.address);
  for (auto _ : state)
    benchmark::DoNotOptimize(rules::check_recipient(r, d, p));
}
BENCHMARK(BM_CheckRecipient)->DenseRange(0, 4);

// The snapshot alone (indexes by address, name, skeleton key), from entries already read. Peak
// RSS is the process's: run one size per process (--benchmark_filter) for its own figure.
void BM_BuildSnapshot(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  auto entries = synthetic_entries(count);
  const double entries_rss = peak_rss_mib();
  for (auto _ : state) {
    rules::Snapshot s(entries);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
  state.counters["entries_peak_rss_MiB"] = entries_rss;
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_BuildSnapshot)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// The typo index of function names (built on first use per role words, as the gateway's audit
// after a load does), timed without the snapshot it is built for, and what it holds. The second
// argument turns that share of entries (in percent) into function mailboxes with names of the
// length real ones have ("Kundtjänst Lindqvist enhet 12"): the synthetic GAL alone has very few.
void BM_BuildTypoIndex(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const auto percent = static_cast<std::size_t>(state.range(1));
  auto entries = synthetic_entries(count);
  static const char* const kRoles[] = {"Kundtjänst", "Ekonomi",      "Växeln",     "Registrator",
                                       "Reception",  "Lönekontoret", "Expedition", "Support"};
  for (std::size_t i = 0; percent > 0 && i < entries.size(); i += 100 / percent)
    entries[i].display_name = std::string(kRoles[i % 8]) + " " + std::to_string(i / 8 % 997) + " " +
                              entries[(i * 7) % entries.size()].display_name.substr(0, 9);
  std::size_t items = 0, keys = 0, bytes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto snapshot = std::make_unique<rules::Snapshot>(entries);
    state.ResumeTiming();
    auto index = rules::function_typos(*snapshot, policy());
    items = index->items();
    keys = index->keys();
    bytes = index->memory_bytes();
    state.PauseTiming();
    snapshot.reset();
    state.ResumeTiming();
  }
  state.counters["typo_entries"] = static_cast<double>(items);
  state.counters["typo_keys"] = static_cast<double>(keys);
  state.counters["typo_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_BuildTypoIndex)
    ->Args({100'000, 0})
    ->Args({100'000, 5})
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 5})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Five recipients whose names are all typos or unknown: every one goes through the typo indexes.
void BM_VerdictTypos100kDirectory(benchmark::State& state) {
  const auto& d = directory();
  const auto& p = policy();
  rules::MessageView message = rules::parse_message(
      "From: Anna <user1@stockholm.se>\r\n"
      "To: Servce Desk 33900 <m.exempel@elevstockholm.onmicrosoft.com>, Dataskydsombud "
      "Skarholmen <dso@gmail.com>\r\n"
      "Cc: Helpdeks <helpdesk@gmail.com>, Kalle Kund <kalle@example.com>, "
      "\"Johansson, Erk (enhet 3)\" <erik@example.com>\r\n"
      "Subject: x\r\nMessage-ID: <3@stockholm.se>\r\n\r\nHej\r\n");
  if (message.recipients.size() != 5) state.SkipWithError("expected 5 recipients");
  for (auto _ : state) {
    rules::Verdict v = rules::evaluate(message, d, p);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerdictTypos100kDirectory);

}  // namespace
}  // namespace galguard::bench

BENCHMARK_MAIN();
