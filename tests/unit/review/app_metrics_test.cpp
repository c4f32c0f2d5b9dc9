// GET /metrics on the review listener: served to [review] metrics_from peers only (the TCP
// peer, not a header, not a session), in the Prometheus text format, with the quarantine's
// held count read from the store at scrape time.
#include <gtest/gtest.h>

#include "gateway/metrics/gateway_metrics.hpp"
#include "tests/unit/review/review_fixture.hpp"

namespace galguard::review::testing {
namespace {

class MetricsRoute : public ReviewTest {
 protected:
  ReviewApp& metrics_app() {
    if (!app_)
      app_ = std::make_unique<ReviewApp>(
          config, store, [this] { return now; }, &metrics);
    return *app_;
  }
  Response scrape(const std::string& peer, Request r = {}) {
    if (r.target().empty()) r = request(http::verb::get, "/metrics");
    return metrics_app().handle(r, peer);
  }

  metrics::GatewayMetrics metrics;

 private:
  std::unique_ptr<ReviewApp> app_;
};

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST_F(MetricsRoute, LoopbackGetsPrometheusTextWithTheHeldCount) {
  store.hold(message_with("Service Desk 33900", "one", kStart));
  store.hold(message_with("Service Desk 33900", "two", kStart));
  metrics.message("quarantine", {"GG101"}, std::chrono::milliseconds(5));
  for (const std::string peer : {"127.0.0.1", "::1", "::ffff:127.0.0.1"}) {
    const Response r = scrape(peer);
    ASSERT_EQ(r.result(), http::status::ok) << peer << ": " << r.body();
    EXPECT_EQ(header(r, http::field::content_type), "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_TRUE(has_line(r.body(), "galguard_quarantine_held 2")) << r.body();
    EXPECT_TRUE(has_line(r.body(), "galguard_messages_total{verdict=\"quarantine\"} 1"))
        << r.body();
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(MetricsRoute, AnyOtherAddressGets403WithoutTheData) {
  const Response r = scrape("192.0.2.7");
  EXPECT_EQ(r.result(), http::status::forbidden);
  EXPECT_EQ(r.body().find("galguard_"), std::string::npos) << r.body();
}

TEST_F(MetricsRoute, ALoggedInDpoElsewhereIsRefusedToo) {
  login_as("dpo", quarantine::Role::dpo);
  Request r = request(http::verb::get, "/metrics");  // carries the session cookie
  ASSERT_NE(r.find(http::field::cookie), r.end());
  EXPECT_EQ(scrape("192.0.2.7", r).result(), http::status::forbidden);
}

TEST_F(MetricsRoute, CidrRangesFromTheConfig) {
  config.review.metrics_from = {"10.0.0.0/8", "2001:db8::/32"};
  EXPECT_EQ(scrape("10.1.2.3").result(), http::status::ok);
  EXPECT_EQ(scrape("2001:db8::42").result(), http::status::ok);
  EXPECT_EQ(scrape("127.0.0.1").result(), http::status::forbidden);
}

TEST_F(MetricsRoute, XForwardedForIsNeverBelievedToGrantAccess) {
  Request r = request(http::verb::get, "/metrics");
  r.set("X-Forwarded-For", "127.0.0.1");
  EXPECT_EQ(scrape("192.0.2.7", r).result(), http::status::forbidden);
}

TEST_F(MetricsRoute, WhatATrustedProxyForwardsIsRefusedEvenFromLoopback) {
  config.review.trusted_proxies = {"127.0.0.1"};
  config.review.user_header = "X-Remote-User";
  Request forwarded = request(http::verb::get, "/metrics");
  forwarded.set("X-Forwarded-For", "203.0.113.5");
  EXPECT_EQ(scrape("127.0.0.1", forwarded).result(), http::status::forbidden);
  Request rfc7239 = request(http::verb::get, "/metrics");
  rfc7239.set(http::field::forwarded, "for=203.0.113.5");
  EXPECT_EQ(scrape("127.0.0.1", rfc7239).result(), http::status::forbidden);
  // Prometheus on the proxy's host, scraping directly.
  EXPECT_EQ(scrape("127.0.0.1").result(), http::status::ok);
}

TEST_F(MetricsRoute, EmptyMetricsFromMeansNoSuchPage) {
  config.review.metrics_from = {};
  EXPECT_EQ(scrape("127.0.0.1").result(), http::status::not_found);
}

TEST_F(MetricsRoute, WithoutMetricsThereIsNoSuchPage) {
  EXPECT_EQ(get("/metrics").result(), http::status::not_found);
}

TEST_F(MetricsRoute, OnlyGet) {
  EXPECT_EQ(scrape("127.0.0.1", request(http::verb::post, "/metrics", "x=1")).result(),
            http::status::method_not_allowed);
}

TEST_F(MetricsRoute, UiRequestsAreTimed) {
  metrics_app().handle(request(http::verb::get, "/login"), "127.0.0.1");
  metrics_app().handle(request(http::verb::get, "/queue"), "127.0.0.1");
  const std::string body = scrape("127.0.0.1").body();
  // The two pages; the scrape itself is observed after it renders.
  EXPECT_TRUE(has_line(body, "galguard_review_request_duration_seconds_count 2")) << body;
}

}  // namespace
}  // namespace galguard::review::testing
