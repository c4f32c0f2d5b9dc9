// The Graph stand-in (graph_standin.py) as a child process on a free loopback port, with a
// GraphOptions that points galguard's Graph source at it. Used by the Graph integration tests and
// tests/bench/graph_load_bench.cpp. Needs Debian's /usr/bin/python3; graph_standin_unavailable()
// says why not, for GTEST_SKIP.
//
//   galguard::testing::GraphStandin graph(2500);
//   auto source = directory::open_graph_source(graph.url(), graph.options(), {});
//   graph.control(R"({"faults":[{"match":"/v1.0/users","status":429,"retry_after":1}]})");
//   for (const auto& request : graph.requests()) ...   // {"method","path","query","status",...}
#pragma once

#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <string>
#include <vector>

#include "directory/graph/graph_options.hpp"
#include "directory/graph/http_client.hpp"
#include "tests/integration/peers.hpp"

#ifndef GALGUARD_SOURCE_DIR
#error "GALGUARD_SOURCE_DIR must name the project root"
#endif

namespace galguard::testing {

inline constexpr const char* kPython = "/usr/bin/python3";
inline constexpr const char* kStandinTenant = "skarholmen.example";
inline constexpr const char* kStandinClientId = "11111111-2222-3333-4444-555555555555";
inline constexpr const char* kStandinSecret = "s3cret";

inline std::string graph_standin_unavailable() {
  if (access(kPython, X_OK) != 0) return "Debian's /usr/bin/python3 is not installed";
  return "";
}

struct StandinOptions {
  int users = 0;            // generated users; also users/10 contacts and users/10 groups
  bool sample = true;       // the reference pages of samples/gal.json
  std::string certificate;  // PEM certificate whose x5t client assertions must carry
  int token_lifetime = 3599;
};

// Entries the Graph source should map from a stand-in with `users` generated users and the
// sample: every 50th generated user has no mailbox, every second generated group is not
// mail-enabled, the sample has 8 entries.
inline std::size_t standin_expected_entries(int users, bool sample = true) {
  const std::size_t n = static_cast<std::size_t>(users);
  return (sample ? 8 : 0) + (n - n / 50) + n / 10 + (n / 10 + 1) / 2;
}

class GraphStandin {
 public:
  // `users` generated users, and users/10 contacts and users/10 groups.
  explicit GraphStandin(int users, StandinOptions options = {}) : port_(free_port()) {
    std::vector<std::string> args{
        kPython,
        std::string(GALGUARD_SOURCE_DIR) + "/tests/integration/graph/graph_standin.py",
        "--port",
        std::to_string(port_),
        "--log",
        log_path(),
        "--users",
        std::to_string(users),
        "--token-lifetime",
        std::to_string(options.token_lifetime)};
    if (options.sample)
      args.insert(args.end(), {"--sample", std::string(GALGUARD_SOURCE_DIR) + "/samples/gal.json"});
    if (!options.certificate.empty()) args.insert(args.end(), {"--cert", options.certificate});
    start(args);
    const bool ready = wait_until(
        [&] {
          return detail::read_file(dir_.path() + "/standin.out").find("ready") != std::string::npos;
        },
        std::chrono::seconds(60));
    if (!ready) {
      stop();
      throw std::runtime_error("graph stand-in did not start:\n" +
                               detail::read_file(dir_.path() + "/standin.out"));
    }
  }
  ~GraphStandin() { stop(); }
  GraphStandin(const GraphStandin&) = delete;
  GraphStandin& operator=(const GraphStandin&) = delete;

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string url() const { return std::string("graph://") + kStandinTenant; }
  const std::string& dir() const { return dir_.path(); }
  std::string log_path() const { return dir_.path() + "/requests.log"; }

  // Options for the Graph source: both endpoints here, the client id and secret it accepts
  // (from a file), short waits.
  directory::GraphOptions options() const {
    directory::GraphOptions options;
    options.authority = base();
    options.graph = base();
    options.client_id = kStandinClientId;
    options.client_secret_file = dir_.path() + "/secret";
    std::ofstream(options.client_secret_file) << kStandinSecret << "\n";
    options.timeout = std::chrono::seconds(30);
    return options;
  }

  // POST /_control with a JSON command.
  void control(const std::string& command) const {
    directory::graph::HttpClient http(options());
    const auto response = http.post_form(base() + "/_control", command);
    if (response.status != 200)
      throw std::runtime_error("stand-in control: " + std::to_string(response.status));
  }

  // Every request so far, oldest first.
  std::vector<nlohmann::json> requests() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(log_path());
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
  }

  // Requests whose path starts with `prefix` (and the method, when given).
  std::vector<nlohmann::json> requests(const std::string& prefix,
                                       const std::string& method = "") const {
    std::vector<nlohmann::json> out;
    for (auto& r : requests())
      if (r["path"].get<std::string>().starts_with(prefix) &&
          (method.empty() || r["method"] == method))
        out.push_back(std::move(r));
    return out;
  }

  std::size_t token_requests() const {
    return requests(std::string("/") + kStandinTenant + "/oauth2/v2.0/token").size();
  }

  void clear_log() const { std::ofstream(log_path(), std::ios::trunc); }

 private:
  void start(const std::vector<std::string>& argv) {
    pid_ = spawn(argv, dir_.path() + "/standin.out");
  }

  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }

  detail::TempDir dir_;
  std::uint16_t port_;
  pid_t pid_ = -1;
};

}  // namespace galguard::testing
