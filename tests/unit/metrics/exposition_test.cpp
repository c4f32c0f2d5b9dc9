// The text exposition format as Prometheus parses it: escaping, numbers, counters, gauges and
// histograms with cumulative buckets.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "gateway/metrics/exposition.hpp"
#include "gateway/metrics/family.hpp"

namespace galguard::metrics {
namespace {

TEST(Exposition, EscapesBackslashQuoteAndNewlineInLabelValues) {
  EXPECT_EQ(escape_label_value(R"(say "hi")"), R"(say \"hi\")");
  EXPECT_EQ(escape_label_value("two\nlines"), R"(two\nlines)");
  EXPECT_EQ(escape_label_value(R"(C:\dir)"), R"(C:\\dir)");
  EXPECT_EQ(escape_label_value("Skärholmen"), "Skärholmen");
}

TEST(Exposition, HelpKeepsQuotesButEscapesNewlines) {
  EXPECT_EQ(escape_help("a \"b\"\nc\\"), "a \"b\"\\nc\\\\");
}

TEST(Exposition, NumbersAsPrometheusReadsThem) {
  struct Case {
    double value;
    const char* want;
  } cases[] = {
      {0, "0"},
      {12, "12"},
      {-3, "-3"},
      {0.25, "0.25"},
      {0.005, "0.005"},
      {1e20, "1e+20"},
      {std::numeric_limits<double>::infinity(), "+Inf"},
      {-std::numeric_limits<double>::infinity(), "-Inf"},
      {std::nan(""), "NaN"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(format_value(c.value), c.want) << "value " << c.value;
}

TEST(Exposition, LabelValueWithQuoteAndNewlineStaysOnOneSampleLine) {
  Counter counter("galguard_test_total", "Test.", {"code"});
  counter.inc({"a\"b\nc"});
  std::string out;
  counter.render(out);
  EXPECT_EQ(out,
            "# HELP galguard_test_total Test.\n"
            "# TYPE galguard_test_total counter\n"
            "galguard_test_total{code=\"a\\\"b\\nc\"} 1\n");
}

TEST(Exposition, CounterWithoutLabelsShowsZeroBeforeItsFirstEvent) {
  Counter counter("galguard_things_total", "Things.");
  std::string out;
  counter.render(out);
  EXPECT_NE(out.find("\ngalguard_things_total 0\n"), std::string::npos) << out;
  counter.inc();
  counter.inc({}, 2);
  EXPECT_EQ(counter.value(), 3);
}

TEST(Exposition, TouchedSeriesAppearAtZeroInLabelOrder) {
  Counter counter("galguard_messages_total", "Messages.", {"verdict"});
  counter.touch({"quarantine"});
  counter.touch({"pass"});
  counter.inc({"quarantine"});
  std::string out;
  counter.render(out);
  const auto pass = out.find("galguard_messages_total{verdict=\"pass\"} 0\n");
  const auto held = out.find("galguard_messages_total{verdict=\"quarantine\"} 1\n");
  ASSERT_NE(pass, std::string::npos) << out;
  ASSERT_NE(held, std::string::npos) << out;
  EXPECT_LT(pass, held);
}

TEST(Exposition, GaugeIsReplacedNotAdded) {
  Gauge gauge("galguard_quarantine_held", "Held.");
  gauge.set(5);
  gauge.set(2);
  std::string out;
  gauge.render(out);
  EXPECT_EQ(out,
            "# HELP galguard_quarantine_held Held.\n"
            "# TYPE galguard_quarantine_held gauge\n"
            "galguard_quarantine_held 2\n");
}

TEST(Exposition, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Histogram histogram("galguard_x_seconds", "X.", {0.1, 1});
  histogram.observe(0.05);
  histogram.observe(0.1);  // on the bound: counts in le="0.1"
  histogram.observe(0.5);
  histogram.observe(7);
  std::string out;
  histogram.render(out);
  EXPECT_EQ(out,
            "# HELP galguard_x_seconds X.\n"
            "# TYPE galguard_x_seconds histogram\n"
            "galguard_x_seconds_bucket{le=\"0.1\"} 2\n"
            "galguard_x_seconds_bucket{le=\"1\"} 3\n"
            "galguard_x_seconds_bucket{le=\"+Inf\"} 4\n"
            "galguard_x_seconds_sum 7.65\n"
            "galguard_x_seconds_count 4\n");
  EXPECT_EQ(histogram.count(), 4u);
}

}  // namespace
}  // namespace galguard::metrics
