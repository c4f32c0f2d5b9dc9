// A quarantine for the `galguard quarantine` tests: a temp directory with a config, a SQLite
// database seeded through the store API (seed_quarantine, as `serve` would hold them) with the
// reference incident and its real `check --json` verdict, and a release relay port.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/e2e/run_galguard.hpp"

namespace galguard::e2e {

// The reference incident, received 2023-11-14T22:13:20Z.
inline constexpr std::int64_t kReceived = 1700000000;
inline constexpr const char* kReceivedIso = "2023-11-14T22:13:20Z";
inline constexpr const char* kSender = "it.skarholmen@stockholm.se";
inline constexpr const char* kRecipient = "m.exempel@elevstockholm.onmicrosoft.com";

inline void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// As it arrives over SMTP: CRLF line ends.
inline std::string with_crlf(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

// A port nothing listens on (bound, read, closed): the relay that is down, or where a sink
// is about to start.
inline std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return 0;
  }
  close(fd);
  return ntohs(address.sin_port);
}

inline std::string run_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.append(buffer, n);
  pclose(pipe);
  return out;
}

class QuarantineFixture : public ::testing::Test {
 public:
  void SetUp() override {
    std::string templ = "/tmp/galguard-quarantine-e2e-XXXXXX";
    ASSERT_NE(mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    database_ = dir_ + "/quarantine.db";
    config_ = dir_ + "/galguard.toml";
    release_port_ = free_port();
    ASSERT_NE(release_port_, 0);
    write_config();

    CliRun check =
        galguard("check --json --directory " + sample("gal.ldif") + " --policy " +
                 sample("policy.toml") + " " + sample("messages/01-skarholmen-incident.eml"));
    ASSERT_EQ(check.exit_code, 1) << check.err;
    write_file(dir_ + "/verdict.json", check.out);
    raw_ = with_crlf(read_file(sample("messages/01-skarholmen-incident.eml")));
    write_file(dir_ + "/raw.eml", raw_);
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  void write_config() {
    write_file(config_, "[release]\nrelay = \"127.0.0.1:" + std::to_string(release_port_) +
                            "\"\n\n[quarantine]\ndatabase = \"" + database_ + "\"\n");
  }

  // Holds the reference incident; returns its id.
  std::string seed(std::int64_t received_at = kReceived, const std::string& sender = kSender,
                   const std::string& recipients = kRecipient) {
    std::string id = run_output(std::string(GALGUARD_SEED_QUARANTINE) + " " + database_ + " " +
                                dir_ + "/raw.eml " + dir_ + "/verdict.json " +
                                std::to_string(received_at) + " " + sender + " " + recipients);
    while (!id.empty() && id.back() == '\n')
      id.pop_back();
    EXPECT_EQ(id.size(), 16U) << "seed_quarantine printed '" << id << "'";
    return id;
  }

  // `arguments` go to /bin/sh: quote what needs it.
  CliRun quarantine(const std::string& arguments) {
    return galguard("quarantine " + arguments + " --config " + config_);
  }

  std::string dir_;
  std::string database_;
  std::string config_;
  std::uint16_t release_port_ = 0;
  std::string raw_;
};

}  // namespace galguard::e2e
