// `galguard serve` as a child process for the integration tests: a config written to a fresh
// directory, the real binary started on it, ready once its port accepts connections. The
// tests then talk to it as Postfix or a client would.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/smtp_client.hpp"

namespace galguard::testing {

class GalguardProcess {
 public:
  // sections: extra "key = value" lines per TOML section ("smtp", "relay", "directory", ...),
  // added to what this class sets itself (listen port, hostname, spool, database, the sample
  // directory and policy); a key given here overrides the same key set here.
  GalguardProcess(std::filesystem::path dir, std::uint16_t port,
                  std::map<std::string, std::string> sections)
      : dir_(std::move(dir)), port_(port) {
    std::filesystem::create_directories(dir_);
    std::map<std::string, std::map<std::string, std::string>> config;
    config["smtp"]["listen"] = "[\"127.0.0.1:" + std::to_string(port_) + "\"]";
    config["smtp"]["hostname"] = "\"galguard.test\"";
    config["smtp"]["spool_directory"] = quoted(dir_ / "spool");
    config["quarantine"]["database"] = quoted(database());
    config["directory"]["saved_snapshot"] = quoted(dir_ / "snapshot");
    config["directory"]["sources"] = "[\"" GALGUARD_SOURCE_DIR "/samples/gal.ldif\"]";
    config["directory"]["policy"] = "\"" GALGUARD_SOURCE_DIR "/samples/policy.toml\"";
    // Tests run side by side: the web UI only where a test asks for it on its own port.
    config["review"]["enabled"] = "false";
    for (const auto& [section, lines] : sections) {
      std::istringstream in(lines);
      for (std::string line; std::getline(in, line);) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        auto trim = [](std::string t) {
          t.erase(0, t.find_first_not_of(' '));
          t.erase(t.find_last_not_of(' ') + 1);
          return t;
        };
        config[section][trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
      }
    }
    std::ofstream out(config_path());
    for (const auto& [section, keys] : config) {
      out << "[" << section << "]\n";
      for (const auto& [key, value] : keys)
        out << key << " = " << value << "\n";
    }
  }
  ~GalguardProcess() { kill(SIGKILL); }
  GalguardProcess(const GalguardProcess&) = delete;
  GalguardProcess& operator=(const GalguardProcess&) = delete;

  std::filesystem::path config_path() const { return dir_ / "galguard.toml"; }
  std::filesystem::path database() const { return dir_ / "quarantine.db"; }
  std::filesystem::path log_path() const { return dir_ / "galguard.log"; }
  std::uint16_t port() const { return port_; }

  void start() {
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      const int log = ::open(log_path().c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(log, 1);
      ::dup2(log, 2);
      ::execl(GALGUARD_BINARY, GALGUARD_BINARY, "serve", "--config", config_path().c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!running()) throw std::runtime_error("galguard serve exited:\n" + log());
      if (SmtpClient::can_connect(port_)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("galguard serve did not listen:\n" + log());
  }

  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_status_ = status;
      pid_ = -1;
      return false;
    }
    return true;
  }

  void signal(int sig) {
    if (pid_ > 0) ::kill(pid_, sig);
  }

  // Sends sig (0: none, just wait) and waits for the exit, SIGKILL after the timeout; returns
  // the wait status (-1 if it was not running).
  int kill(int sig = SIGTERM, std::chrono::seconds timeout = std::chrono::seconds(30)) {
    if (pid_ <= 0) return exit_status_;
    ::kill(pid_, sig);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (running()) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &exit_status_, 0);
      pid_ = -1;
    }
    return exit_status_;
  }

  std::string log() const {
    std::ifstream in(log_path());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

  // Runs `galguard ARGS --config <this config>` and returns its standard output.
  std::string cli(const std::string& args, int* exit_code = nullptr) const {
    const std::string command =
        std::string(GALGUARD_BINARY) + " " + args + " --config " + config_path().string() + " 2>&1";
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
      out.append(buffer, n);
    const int status = ::pclose(pipe);
    if (exit_code) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
  }

 private:
  static std::string quoted(const std::filesystem::path& path) {
    return "\"" + path.string() + "\"";
  }

  std::filesystem::path dir_;
  std::uint16_t port_;
  pid_t pid_ = -1;
  int exit_status_ = -1;
};

}  // namespace galguard::testing
