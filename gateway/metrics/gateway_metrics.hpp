// The metrics `galguard serve` exposes at /metrics on the review listener (DESIGN.md §8): what
// happened to messages, the relay's failures, the quarantine, the directory in use, the last
// scheduled audit, and latencies. One object per serve, created in server.cpp and handed to
// whoever records; nothing here knows about sockets, stores or directories, so the SMTP gate,
// the milter and the review UI can all feed it without depending on each other.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/metrics/family.hpp"

namespace galguard::metrics {

enum class RelayError {
  refused_4xx,  // the next hop's own temporary refusal
  refused_5xx,  // the next hop's own permanent refusal (or ours: SMTPUTF8 not offered)
  unavailable,  // could not connect, timed out, connection lost
};

class GatewayMetrics {
 public:
  GatewayMetrics();

  // One message's outcome, as logged (MessageRecord's verdict, codes and delay): the SMTP gate
  // and the milter call this where they write the log line.
  void message(std::string_view verdict, const std::vector<std::string>& codes,
               std::chrono::duration<double> delay);
  void relay_error(RelayError kind);
  // Findings of the scheduled audit that just ran, by severity name ("high": 3).
  void audit(const std::map<std::string, std::size_t>& findings_by_severity);
  // Set at scrape time (see on_scrape): the rulebook in use, or none (failing closed or open).
  void directory(std::size_t entries, std::chrono::system_clock::time_point loaded_at);
  void no_directory();
  void quarantine_held(std::size_t held);
  void review_request(std::chrono::duration<double> took);

  // Runs at every scrape before rendering, on the scraping thread: for values cheaper to read
  // when asked than to keep up to date (the directory in use).
  void on_scrape(std::function<void(GatewayMetrics&)> collect);

  // Every family in the text exposition format (exposition.hpp's kContentType).
  std::string render();

 private:
  std::vector<const Family*> families() const;

  Gauge build_info_;
  Gauge start_time_;
  Counter messages_;
  Counter message_codes_;
  Histogram message_seconds_;
  Counter relay_errors_;
  Gauge quarantine_held_;
  Gauge directory_loaded_;
  Gauge directory_entries_;
  Gauge directory_age_;
  Gauge audit_findings_;
  Gauge audit_time_;
  Histogram review_seconds_;

  std::mutex collect_mutex_;
  std::vector<std::function<void(GatewayMetrics&)>> collectors_;
};

}  // namespace galguard::metrics
