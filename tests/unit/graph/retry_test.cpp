// Retry-After, backoff and the retry loop (with a fake request and a recording sleep).
#include <gtest/gtest.h>

#include "directory/graph/retry.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {
namespace {

using std::chrono::seconds;

TEST(RetryAfter, Parses) {
  const auto now = std::chrono::system_clock::from_time_t(1445412480);  // 2015-10-21 07:28:00Z
  const struct {
    std::string_view in;
    std::optional<seconds> want;
  } cases[] = {
      {"7", seconds(7)},
      {" 0 ", seconds(0)},
      {"120", seconds(120)},
      {"", std::nullopt},
      {"-1", std::nullopt},
      {"soon", std::nullopt},
      {"1.5", std::nullopt},
      {"Wed, 21 Oct 2015 07:28:30 GMT", seconds(30)},
      {"Wed, 21 Oct 2015 07:00:00 GMT", seconds(0)},  // in the past
      {"99999999999999999999", seconds::max()},
  };
  for (const auto& c : cases)
    EXPECT_EQ(parse_retry_after(c.in, now), c.want) << "in: \"" << c.in << "\"";
}

TEST(RetryAfter, Decisions) {
  GraphOptions options;
  options.max_retries = 3;
  options.max_retry_after = seconds(120);
  EXPECT_TRUE(decide_retry(options, 0, seconds(5)).retry);
  EXPECT_EQ(decide_retry(options, 0, seconds(5)).wait, seconds(5));
  EXPECT_EQ(decide_retry(options, 2, std::nullopt).wait, seconds(4));
  EXPECT_EQ(decide_retry(options, 0, seconds(120)).wait, seconds(120));
  EXPECT_EQ(decide_retry(options, 0, seconds(121)).gave_up,
            "Retry-After 121 s is longer than max_retry_after 120 s, giving up");
  EXPECT_EQ(decide_retry(options, 3, seconds(1)).gave_up, "gave up after 3 retries");
  EXPECT_EQ(default_backoff(0), seconds(1));
  EXPECT_EQ(default_backoff(4), seconds(16));
  EXPECT_EQ(default_backoff(5), seconds(30));
  EXPECT_EQ(default_backoff(60), seconds(30));
}

struct Script {
  std::vector<HttpResponse> answers;  // status 0: throw TransportError
  std::size_t calls = 0;
  HttpResponse operator()() {
    const HttpResponse& next = answers.at(calls++);
    if (next.status == 0) throw TransportError("Connection refused");
    return next;
  }
};

TEST(SendWithRetries, WaitsAsToldThenSucceeds) {
  Script script{{{429, "2", "", ""}, {0, "", "", ""}, {503, "", "", ""}, {200, "", "", "ok"}}};
  std::vector<seconds> slept;
  const RetriedResponse r =
      send_with_retries(GraphOptions{}, "graph://t", "GET /v1.0/users", std::ref(script),
                        [&](seconds s) { slept.push_back(s); });
  EXPECT_EQ(r.response.body, "ok");
  EXPECT_TRUE(r.gave_up.empty());
  EXPECT_EQ(slept, (std::vector<seconds>{seconds(2), seconds(2), seconds(4)}));
}

TEST(SendWithRetries, OtherStatusesAreNotRetried) {
  for (long status : {200L, 400L, 401L, 403L, 404L, 410L, 500L}) {
    Script script{{{status, "1", "", ""}}};
    const RetriedResponse r =
        send_with_retries(GraphOptions{}, "p", "l", std::ref(script), [](seconds) {});
    EXPECT_EQ(r.response.status, status);
    EXPECT_EQ(script.calls, 1u);
  }
}

TEST(SendWithRetries, GivesUp) {
  GraphOptions options;
  options.max_retries = 1;
  Script throttled{{{429, "1", "", ""}, {429, "1", "", "last"}}};
  const RetriedResponse r =
      send_with_retries(options, "p", "l", std::ref(throttled), [](seconds) {});
  EXPECT_EQ(r.response.body, "last");
  EXPECT_EQ(r.gave_up, "gave up after 1 retries");

  Script refused{{{0, "", "", ""}, {0, "", "", ""}}};
  try {
    send_with_retries(options, "graph://t", "GET /v1.0/users", std::ref(refused), [](seconds) {});
    FAIL();
  } catch (const rules::InputError& e) {
    EXPECT_STREQ(e.what(),
                 "graph://t: GET /v1.0/users: Connection refused; gave up after 1 retries");
  }
}

}  // namespace
}  // namespace galguard::directory::graph
