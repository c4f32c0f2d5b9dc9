// When and how long to wait before asking again: 429 and 503 answers (with or without
// Retry-After) and requests that got no answer at all. Graph throttles per app and tenant; a
// client that retries at once only stays throttled longer.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "directory/graph/graph_options.hpp"
#include "directory/graph/http_client.hpp"

namespace galguard::directory::graph {

// Retry-After as delta-seconds ("7") or an HTTP-date; nullopt when absent or unreadable. A date
// in the past reads as 0 s.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now);

bool is_retryable_status(long status);  // 429, 503

// Without Retry-After: 1 s, 2 s, 4 s ... at most 30 s.
std::chrono::seconds default_backoff(int retries_done);

struct RetryDecision {
  bool retry = false;
  std::chrono::seconds wait{0};
  std::string gave_up;  // why not, when !retry: "gave up after 5 retries"
};
RetryDecision decide_retry(const GraphOptions& options, int retries_done,
                           std::optional<std::chrono::seconds> retry_after);

struct RetriedResponse {
  HttpResponse response;
  std::string gave_up;  // set when the response is still a 429/503 and no retry is left
};

using Sleep = std::function<void(std::chrono::seconds)>;

// Calls `attempt` until it gives an answer that is not 429/503 or the retries are spent. When
// attempt keeps throwing TransportError, throws rules::InputError(place, label + ": " + why).
RetriedResponse send_with_retries(const GraphOptions& options, const std::string& place,
                                  const std::string& label,
                                  const std::function<HttpResponse()>& attempt, const Sleep& sleep);

}  // namespace galguard::directory::graph
