// /metrics on a real `galguard serve`: mail through the gateway moves the counters Prometheus
// scrapes, the gauges read the quarantine and the directory in use, the output is valid text
// exposition format, and the TCP peer's address decides who may read it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "tests/integration/gateway_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

const std::string kClean = sample("messages/05-processor-ok.eml");
const std::string kReference = sample("messages/01-skarholmen-incident.eml");
const std::vector<std::string> kCleanRcpt{"servicedesk.stockholm@fujitsu.com"};
const std::vector<std::string> kReferenceRcpt{"m.exempel@elevstockholm.onmicrosoft.com"};

// GET path from `from` (any 127/8 address is loopback on Linux) to 127.0.0.1:port; the whole
// response, or "" when the connection failed.
std::string http_get(std::uint16_t port, const std::string& path,
                     const std::string& from = "127.0.0.1") {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, from.c_str(), &local.sin_addr);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "";
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  (void)!write(fd, request.data(), request.size());
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
    response.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return response;
}

std::string body_of(const std::string& response) {
  const auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

// The text exposition format 0.0.4, line by line (what `promtool check metrics` would parse;
// Debian 12 has no promtool without the whole prometheus package). Returns the problems and
// fills `samples` ("name{labels}" -> value).
std::vector<std::string> check_exposition(const std::string& text,
                                          std::map<std::string, double>& samples) {
  static const std::regex help(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*)");
  static const std::regex type(
      R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
  static const std::regex sample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? ([-+]?([0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|Inf)|NaN))");
  std::vector<std::string> problems;
  std::map<std::string, std::string> types;
  if (text.empty() || text.back() != '\n') problems.push_back("does not end with a line feed");
  std::istringstream in(text);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::string where = "line " + std::to_string(number) + ": " + line;
    std::smatch m;
    if (std::regex_match(line, m, help)) continue;
    if (std::regex_match(line, m, type)) {
      if (!types.emplace(m[1], m[2]).second) problems.push_back(where + " (second TYPE)");
      continue;
    }
    if (line.starts_with("#")) continue;
    if (!std::regex_match(line, m, sample)) {
      problems.push_back(where + " (not a sample)");
      continue;
    }
    const std::string name = m[1];
    std::string family = name;
    for (const char* suffix : {"_bucket", "_sum", "_count"})
      if (!types.count(family) && name.ends_with(suffix))
        family = name.substr(0, name.size() - std::strlen(suffix));
    if (!types.count(family)) problems.push_back(where + " (no TYPE before it)");
    if (types[family] == "histogram" && name.ends_with("_bucket") &&
        line.find("le=\"") == std::string::npos)
      problems.push_back(where + " (bucket without le)");
    const std::string value = m[7];
    const std::string key = line.substr(0, line.rfind(' '));
    if (!samples.emplace(key, value == "+Inf" ? INFINITY : std::stod(value)).second)
      problems.push_back(where + " (same series twice)");
  }
  return problems;
}

class MetricsTest : public GatewayTest {
 protected:
  void start_with_review(const std::string& more = "") {
    review_port_ = free_port();
    start({{"review", "enabled = true\nlisten = [\"127.0.0.1:" + std::to_string(review_port_) +
                          "\"]\n" + more}});
  }

  std::map<std::string, double> scrape() {
    const std::string response = http_get(review_port_, "/metrics");
    EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response;
    EXPECT_NE(response.find("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"),
              std::string::npos)
        << response;
    std::map<std::string, double> samples;
    const auto problems = check_exposition(body_of(response), samples);
    for (const auto& problem : problems)
      ADD_FAILURE() << problem;
    return samples;
  }

  std::uint16_t review_port_ = 0;
};

TEST_F(MetricsTest, MailThroughTheGatewayMovesTheCountersAndGauges) {
  start_with_review();
  if (IsSkipped()) return;
  auto before = scrape();
  EXPECT_EQ(before["galguard_quarantine_held"], 0);

  EXPECT_EQ(reply_code(send(kClean, kCleanRcpt)), 250);
  EXPECT_EQ(reply_code(send(kReference, kReferenceRcpt)), 250);

  auto after = scrape();
  const std::string pass = "galguard_messages_total{verdict=\"pass\"}";
  const std::string quarantine = "galguard_messages_total{verdict=\"quarantine\"}";
  ASSERT_TRUE(after.count(pass) && after.count(quarantine));
  EXPECT_EQ(after[pass], before[pass] + 1);
  EXPECT_EQ(after[quarantine], before[quarantine] + 1);
  EXPECT_EQ(after["galguard_messages_total{verdict=\"reject\"}"], 0);
  EXPECT_EQ(after["galguard_message_codes_total{code=\"protected-name\"}"], 1);
  EXPECT_EQ(after["galguard_message_duration_seconds_count"], 2);
  EXPECT_EQ(after["galguard_quarantine_held"], 1);
  EXPECT_EQ(after["galguard_relay_errors_total{kind=\"unavailable\"}"], 0);

  // The sample directory's entries, counted from the file itself.
  const std::string ldif = sample("gal.ldif");
  double entries = 0;
  for (std::size_t at = 0; (at = ldif.find("dn:", at)) != std::string::npos; ++at)
    if (at == 0 || ldif[at - 1] == '\n') ++entries;
  ASSERT_GT(entries, 0);
  EXPECT_EQ(after["galguard_directory_entries"], entries);
  EXPECT_EQ(after["galguard_directory_loaded"], 1);
  EXPECT_GE(after["galguard_directory_age_seconds"], 0);
  EXPECT_GT(after["galguard_start_time_seconds"], 1.7e9);
  bool build_info = false;
  for (const auto& [series, value] : after)
    if (series.starts_with("galguard_build_info{version=\"") && value == 1) build_info = true;
  EXPECT_TRUE(build_info);
  // The scrapes themselves are review UI requests.
  EXPECT_GE(after["galguard_review_request_duration_seconds_count"], 1);
}

TEST_F(MetricsTest, TheNextHopDownCountsAsARelayErrorUnavailable) {
  start_with_review();
  if (IsSkipped()) return;
  sink_.reset();  // nothing listens on the next hop's port any more
  EXPECT_EQ(reply_code(send(kClean, kCleanRcpt)) / 100, 4);
  auto after = scrape();
  EXPECT_EQ(after["galguard_relay_errors_total{kind=\"unavailable\"}"], 1);
  EXPECT_EQ(after["galguard_messages_total{verdict=\"pass\"}"], 1);
}

TEST_F(MetricsTest, TheNextHopsRefusalsCountByClass) {
  start_with_review();
  if (IsSkipped()) return;
  sink_->restart_rejecting(".");
  EXPECT_EQ(reply_code(send(kClean, kCleanRcpt)) / 100, 5);
  sink_->restart_rejecting("", "RCPT");
  EXPECT_EQ(reply_code(send(kClean, kCleanRcpt)) / 100, 4);
  auto after = scrape();
  EXPECT_EQ(after["galguard_relay_errors_total{kind=\"refused_5xx\"}"], 1);
  EXPECT_EQ(after["galguard_relay_errors_total{kind=\"refused_4xx\"}"], 1);
  EXPECT_EQ(after["galguard_relay_errors_total{kind=\"unavailable\"}"], 0);
}

TEST_F(MetricsTest, TheScheduledAuditsFindingsBySeverityAreTheAuditCommands) {
  review_port_ = free_port();
  start(
      {{"review", "enabled = true\nlisten = [\"127.0.0.1:" + std::to_string(review_port_) + "\"]"},
       {"audit", "interval = \"1s\"\nreports = \"" + dir_.path() + "/audit\""}});
  if (IsSkipped()) return;
  std::map<std::string, double> after;
  for (auto deadline = std::chrono::steady_clock::now() + 15s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(100ms)) {
    after = scrape();
    if (after["galguard_audit_last_run_timestamp_seconds"] > 0) break;
  }
  ASSERT_GT(after["galguard_audit_last_run_timestamp_seconds"], 0) << gateway_->log();
  const auto report = nlohmann::json::parse(gateway_->cli("audit --json"), nullptr, false);
  ASSERT_TRUE(report.is_object());
  std::map<std::string, double> want = {{"low", 0}, {"medium", 0}, {"high", 0}, {"critical", 0}};
  for (const auto& finding : report["findings"])
    ++want[finding["severity"].get<std::string>()];
  ASSERT_GT(report["findings"].size(), 0u) << "the sample directory has findings";
  for (const auto& [severity, count] : want)
    EXPECT_EQ(after["galguard_audit_findings{severity=\"" + severity + "\"}"], count) << severity;
}

TEST_F(MetricsTest, OnlyTheConfiguredPeerAddressMayScrape) {
  start_with_review("metrics_from = [\"127.0.0.2\"]");
  if (IsSkipped()) return;
  const std::string allowed = http_get(review_port_, "/metrics", "127.0.0.2");
  EXPECT_EQ(allowed.rfind("HTTP/1.1 200", 0), 0u) << allowed;
  const std::string refused = http_get(review_port_, "/metrics", "127.0.0.1");
  EXPECT_EQ(refused.rfind("HTTP/1.1 403", 0), 0u) << refused;
  EXPECT_EQ(refused.find("galguard_messages_total"), std::string::npos) << refused;
}

TEST_F(MetricsTest, AnEmptyMetricsFromTurnsMetricsOff) {
  start_with_review("metrics_from = []");
  if (IsSkipped()) return;
  const std::string response = http_get(review_port_, "/metrics");
  EXPECT_EQ(response.rfind("HTTP/1.1 404", 0), 0u) << response;
}

}  // namespace
}  // namespace galguard::testing
