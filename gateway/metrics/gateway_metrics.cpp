#include "gateway/metrics/gateway_metrics.hpp"

#include <array>

namespace galguard::metrics {
namespace {

// From a local relay in milliseconds to a slow next hop's minutes (the relay's data_end
// timeout is 10 min; beyond a minute the exact figure matters less than that it happened).
const std::vector<double> kMessageBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                             1,     2.5,  5,     10,   30,  60};
// Pages render from the local database; a release waits for the release relay.
const std::vector<double> kReviewBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                            0.5,   1,    2.5,   5,    10};

constexpr std::array kVerdicts = {"pass", "quarantine", "reject", "tempfail", "unchecked"};
constexpr std::array kRelayErrors = {"refused_4xx", "refused_5xx", "unavailable"};
constexpr std::array kSeverities = {"low", "medium", "high", "critical"};

double unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

}  // namespace

GatewayMetrics::GatewayMetrics()
    : build_info_("galguard_build_info", "The running galguard's version; always 1.", {"version"}),
      start_time_("galguard_start_time_seconds",
                  "When this galguard serve started, in seconds since the Unix epoch."),
      messages_("galguard_messages_total",
                "Messages judged, by verdict (unchecked: relayed without a directory, fail_open).",
                {"verdict"}),
      message_codes_("galguard_message_codes_total",
                     "Messages whose verdict named this finding code, counted once per message.",
                     {"code"}),
      message_seconds_("galguard_message_duration_seconds",
                       "From the end of a message's DATA to our reply (includes the next hop).",
                       kMessageBuckets),
      relay_errors_("galguard_relay_errors_total",
                    "Messages the next hop refused (4xx or 5xx) or could not take (unavailable).",
                    {"kind"}),
      quarantine_held_("galguard_quarantine_held",
                       "Messages held in the quarantine now, waiting for a decision."),
      directory_loaded_("galguard_directory_loaded",
                        "1 while a directory snapshot is in use, 0 while there is none."),
      directory_entries_("galguard_directory_entries", "Entries in the directory snapshot in use."),
      directory_age_("galguard_directory_age_seconds",
                     "Seconds since the directory snapshot in use was loaded."),
      audit_findings_("galguard_audit_findings",
                      "Findings of the last scheduled directory audit, by severity.", {"severity"}),
      audit_time_("galguard_audit_last_run_timestamp_seconds",
                  "When the last scheduled audit finished, in seconds since the Unix epoch; 0 "
                  "before the first."),
      review_seconds_("galguard_review_request_duration_seconds",
                      "Time to answer one HTTP request of the review UI.", kReviewBuckets) {
  build_info_.set(1, {GALGUARD_VERSION});
  start_time_.set(unix_seconds(std::chrono::system_clock::now()));
  for (const char* verdict : kVerdicts)
    messages_.touch({verdict});
  for (const char* kind : kRelayErrors)
    relay_errors_.touch({kind});
}

void GatewayMetrics::message(std::string_view verdict, const std::vector<std::string>& codes,
                             std::chrono::duration<double> delay) {
  messages_.inc({std::string(verdict)});
  for (const auto& code : codes)
    message_codes_.inc({code});
  message_seconds_.observe(delay.count());
}

void GatewayMetrics::relay_error(RelayError kind) {
  relay_errors_.inc({kRelayErrors[static_cast<std::size_t>(kind)]});
}

void GatewayMetrics::audit(const std::map<std::string, std::size_t>& findings_by_severity) {
  for (const char* severity : kSeverities)
    audit_findings_.set(0, {severity});
  for (const auto& [severity, count] : findings_by_severity)
    audit_findings_.set(static_cast<double>(count), {severity});
  audit_time_.set(unix_seconds(std::chrono::system_clock::now()));
}

void GatewayMetrics::directory(std::size_t entries,
                               std::chrono::system_clock::time_point loaded_at) {
  directory_loaded_.set(1);
  directory_entries_.set(static_cast<double>(entries));
  directory_age_.set(
      std::chrono::duration<double>(std::chrono::system_clock::now() - loaded_at).count());
}

void GatewayMetrics::no_directory() {
  directory_loaded_.set(0);
  directory_entries_.set(0);
  directory_age_.set(0);
}

void GatewayMetrics::quarantine_held(std::size_t held) {
  quarantine_held_.set(static_cast<double>(held));
}

void GatewayMetrics::review_request(std::chrono::duration<double> took) {
  review_seconds_.observe(took.count());
}

void GatewayMetrics::on_scrape(std::function<void(GatewayMetrics&)> collect) {
  std::lock_guard lock(collect_mutex_);
  collectors_.push_back(std::move(collect));
}

std::vector<const Family*> GatewayMetrics::families() const {
  return {&build_info_,        &start_time_,    &messages_,        &message_codes_,
          &message_seconds_,   &relay_errors_,  &quarantine_held_, &directory_loaded_,
          &directory_entries_, &directory_age_, &audit_findings_,  &audit_time_,
          &review_seconds_};
}

std::string GatewayMetrics::render() {
  {
    std::lock_guard lock(collect_mutex_);
    for (const auto& collect : collectors_)
      collect(*this);
  }
  std::string out;
  for (const Family* family : families())
    family->render(out);
  return out;
}

}  // namespace galguard::metrics
