// A galguard gateway between a test client and a real smtp-sink: the fixture most gateway
// integration tests start from.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/integration/galguard_process.hpp"
#include "tests/integration/peers.hpp"
#include "tests/integration/smtp_client.hpp"

namespace galguard::testing {

inline std::string sample(const std::string& name) {
  std::ifstream in(std::string(GALGUARD_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline const std::string kFrom = "it.skarholmen@stockholm.se";

class GatewayTest : public ::testing::Test {
 protected:
  // Extra config lines per section for this test's gateway; the relay goes to the sink.
  void start(std::map<std::string, std::string> sections = {}) {
    if (const std::string why = peers_unavailable(); !why.empty()) GTEST_SKIP() << why;
    sink_ = std::make_unique<SmtpSink>();
    sections["relay"] =
        "next_hop = \"127.0.0.1:" + std::to_string(sink_->port()) + "\"\n" + sections["relay"];
    gateway_ = std::make_unique<GalguardProcess>(dir_.path() + "/galguard", free_port(), sections);
    gateway_->start();
  }

  void TearDown() override {
    if (HasFailure() && gateway_)
      std::cerr << "---- galguard log ----\n" << gateway_->log() << "----\n";
  }

  // The final reply line to one message sent through the gateway.
  std::string send(const std::string& raw, const std::vector<std::string>& rcpts,
                   const std::string& from = kFrom) {
    return send_message(gateway_->port(), raw, from, rcpts);
  }

  nlohmann::json held() {
    int status = 0;
    const std::string out = gateway_->cli("quarantine list --state all --json", &status);
    EXPECT_EQ(status, 0) << out;
    return nlohmann::json::parse(out, nullptr, false);
  }

  detail::TempDir dir_;
  std::unique_ptr<SmtpSink> sink_;
  std::unique_ptr<GalguardProcess> gateway_;
};

}  // namespace galguard::testing
