// What /metrics shows after the events serve feeds in.
#include <gtest/gtest.h>

#include "gateway/metrics/gateway_metrics.hpp"

namespace galguard::metrics {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(GatewayMetrics, EveryVerdictAndRelayErrorIsShownFromTheStart) {
  GatewayMetrics metrics;
  const std::string out = metrics.render();
  for (const char* verdict : {"pass", "quarantine", "reject", "tempfail", "unchecked"})
    EXPECT_TRUE(
        has_line(out, std::string("galguard_messages_total{verdict=\"") + verdict + "\"} 0"))
        << verdict << "\n"
        << out;
  for (const char* kind : {"refused_4xx", "refused_5xx", "unavailable"})
    EXPECT_TRUE(has_line(out, std::string("galguard_relay_errors_total{kind=\"") + kind + "\"} 0"))
        << out;
  EXPECT_TRUE(
      has_line(out, std::string("galguard_build_info{version=\"") + GALGUARD_VERSION + "\"} 1"))
      << out;
}

TEST(GatewayMetrics, MessageCountsVerdictCodesOncePerMessageAndDelay) {
  GatewayMetrics metrics;
  metrics.message("quarantine", {"protected-name", "foreign-tenant-internal-name"},
                  std::chrono::milliseconds(30));
  metrics.message("quarantine", {"protected-name"}, std::chrono::milliseconds(20));
  metrics.message("pass", {}, std::chrono::seconds(2));
  const std::string out = metrics.render();
  EXPECT_TRUE(has_line(out, "galguard_messages_total{verdict=\"quarantine\"} 2")) << out;
  EXPECT_TRUE(has_line(out, "galguard_messages_total{verdict=\"pass\"} 1")) << out;
  EXPECT_TRUE(has_line(out, "galguard_message_codes_total{code=\"protected-name\"} 2")) << out;
  EXPECT_TRUE(
      has_line(out, "galguard_message_codes_total{code=\"foreign-tenant-internal-name\"} 1"))
      << out;
  EXPECT_TRUE(has_line(out, "galguard_message_duration_seconds_bucket{le=\"0.025\"} 1")) << out;
  EXPECT_TRUE(has_line(out, "galguard_message_duration_seconds_bucket{le=\"1\"} 2")) << out;
  EXPECT_TRUE(has_line(out, "galguard_message_duration_seconds_count 3")) << out;
}

TEST(GatewayMetrics, RelayErrorsByKind) {
  GatewayMetrics metrics;
  metrics.relay_error(RelayError::unavailable);
  metrics.relay_error(RelayError::unavailable);
  metrics.relay_error(RelayError::refused_5xx);
  const std::string out = metrics.render();
  EXPECT_TRUE(has_line(out, "galguard_relay_errors_total{kind=\"unavailable\"} 2")) << out;
  EXPECT_TRUE(has_line(out, "galguard_relay_errors_total{kind=\"refused_5xx\"} 1")) << out;
  EXPECT_TRUE(has_line(out, "galguard_relay_errors_total{kind=\"refused_4xx\"} 0")) << out;
}

TEST(GatewayMetrics, ScrapeTimeCollectorsSetTheDirectoryGauges) {
  GatewayMetrics metrics;
  bool loaded = false;
  metrics.on_scrape([&](GatewayMetrics& m) {
    if (loaded)
      m.directory(26, std::chrono::system_clock::now() - std::chrono::hours(1));
    else
      m.no_directory();
  });
  std::string out = metrics.render();
  EXPECT_TRUE(has_line(out, "galguard_directory_loaded 0")) << out;
  loaded = true;
  out = metrics.render();
  EXPECT_TRUE(has_line(out, "galguard_directory_loaded 1")) << out;
  EXPECT_TRUE(has_line(out, "galguard_directory_entries 26")) << out;
  const auto age = out.find("\ngalguard_directory_age_seconds 3");
  EXPECT_NE(age, std::string::npos) << out;  // 3600.x seconds
}

TEST(GatewayMetrics, AuditReplacesTheLastRunsFindings) {
  GatewayMetrics metrics;
  metrics.audit({{"high", 3}, {"low", 1}});
  metrics.audit({{"critical", 1}});
  const std::string out = metrics.render();
  EXPECT_TRUE(has_line(out, "galguard_audit_findings{severity=\"critical\"} 1")) << out;
  EXPECT_TRUE(has_line(out, "galguard_audit_findings{severity=\"high\"} 0")) << out;
  EXPECT_TRUE(has_line(out, "galguard_audit_findings{severity=\"low\"} 0")) << out;
  EXPECT_FALSE(has_line(out, "galguard_audit_last_run_timestamp_seconds 0")) << out;
}

}  // namespace
}  // namespace galguard::metrics
