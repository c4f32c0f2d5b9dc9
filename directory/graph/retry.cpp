// Retry-After and backoff.
#include "directory/graph/retry.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>

#include "rules/text/ascii.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now) {
  value = rules::ascii_trim(value);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size())
    return seconds < 0 ? std::nullopt : std::optional(std::chrono::seconds(seconds));
  if (ec == std::errc::result_out_of_range) return std::chrono::seconds::max();
  const std::string date(value);
  const time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const auto wait = std::chrono::system_clock::from_time_t(when) - now;
  return std::max(std::chrono::seconds(0), std::chrono::ceil<std::chrono::seconds>(wait));
}

bool is_retryable_status(long status) {
  return status == 429 || status == 503;
}

std::chrono::seconds default_backoff(int retries_done) {
  return std::min(std::chrono::seconds(1LL << std::clamp(retries_done, 0, 5)),
                  std::chrono::seconds(30));
}

RetryDecision decide_retry(const GraphOptions& options, int retries_done,
                           std::optional<std::chrono::seconds> retry_after) {
  if (retries_done >= options.max_retries)
    return {false, {}, "gave up after " + std::to_string(retries_done) + " retries"};
  if (retry_after && *retry_after > options.max_retry_after)
    return {false,
            {},
            "Retry-After " + std::to_string(retry_after->count()) +
                " s is longer than max_retry_after " +
                std::to_string(options.max_retry_after.count()) + " s, giving up"};
  return {true, retry_after.value_or(default_backoff(retries_done)), {}};
}

RetriedResponse send_with_retries(const GraphOptions& options, const std::string& place,
                                  const std::string& label,
                                  const std::function<HttpResponse()>& attempt,
                                  const Sleep& sleep) {
  for (int retries = 0;; ++retries) {
    std::optional<std::chrono::seconds> retry_after;
    try {
      HttpResponse response = attempt();
      if (!is_retryable_status(response.status)) return {std::move(response), {}};
      retry_after = parse_retry_after(response.retry_after, std::chrono::system_clock::now());
      RetryDecision next = decide_retry(options, retries, retry_after);
      if (!next.retry) return {std::move(response), std::move(next.gave_up)};
      sleep(next.wait);
    } catch (const TransportError& e) {
      RetryDecision next = decide_retry(options, retries, std::nullopt);
      if (!next.retry)
        throw rules::InputError(place, label + ": " + e.what() + "; " + next.gave_up);
      sleep(next.wait);
    }
  }
}

}  // namespace galguard::directory::graph
