// Against a real SMTP server: Postfix's smtp-sink, started on a free loopback port with its
// dump files in a temporary directory. Three messages over one connection, and the dump files
// must hold their bytes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "fake_hop.hpp"

extern char** environ;

namespace galguard::relay::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

constexpr const char* kSmtpSink = "/usr/sbin/smtp-sink";

// The sink process and its directory, gone at the end of the test whatever happened.
struct Sink {
  pid_t pid = -1;
  fs::path directory;
  ~Sink() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
    std::error_code ignored;
    if (!directory.empty()) fs::remove_all(directory, ignored);
  }
};

std::uint16_t free_port() {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

bool listening(std::uint16_t port) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code error;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
  return !error;
}

std::string lf_lines(std::string_view crlf) {
  std::string out;
  for (std::size_t i = 0; i < crlf.size(); ++i)
    if (!(crlf[i] == '\r' && i + 1 < crlf.size() && crlf[i + 1] == '\n')) out += crlf[i];
  return out;
}

TEST(RelaySmtpSink, ThreeMessagesOverOneConnection) {
  if (access(kSmtpSink, X_OK) != 0) GTEST_SKIP() << kSmtpSink << " is not installed";
  Sink sink;
  char directory_template[] = "/tmp/galguard-relay-sink-XXXXXX";
  ASSERT_NE(mkdtemp(directory_template), nullptr);
  sink.directory = directory_template;

  std::vector<std::string> arguments{kSmtpSink};
  if (geteuid() == 0) {
    // As root smtp-sink must drop to a user, and that user writes the dump files.
    const passwd* postfix = getpwnam("postfix");
    if (postfix == nullptr) GTEST_SKIP() << "running as root and there is no postfix user";
    ASSERT_EQ(chown(directory_template, postfix->pw_uid, postfix->pw_gid), 0);
    arguments.insert(arguments.end(), {"-u", "postfix"});
  }
  const std::uint16_t port = free_port();
  arguments.insert(arguments.end(), {"-4", "-d", (sink.directory / "msg.").string(),
                                     "127.0.0.1:" + std::to_string(port), "128"});
  std::vector<char*> argv;
  for (std::string& argument : arguments)
    argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  const int spawned = posix_spawn(&sink.pid, kSmtpSink, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ASSERT_EQ(spawned, 0) << "cannot start " << kSmtpSink;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (!listening(port)) {
    ASSERT_EQ(waitpid(sink.pid, nullptr, WNOHANG), 0) << "smtp-sink exited";
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "smtp-sink does not listen";
    std::this_thread::sleep_for(milliseconds{20});
  }

  asio::io_context io;
  Settings settings;
  settings.next_hop = {"127.0.0.1", port};
  settings.helo_name = "gateway.example";
  Client client(io.get_executor(), settings);
  std::vector<std::string> messages;
  for (int i = 0; i < 3; ++i)
    messages.push_back("From: alice@example.org\r\nSubject: sink " + std::to_string(i) +
                       "\r\n\r\n.a line with a dot\r\n..two\r\n.\r\nbody " + std::to_string(i) +
                       "\r\n");
  for (const std::string& message : messages) {
    Transaction t = transaction(message);
    t.xforward.addr = "192.0.2.1";
    const Outcome outcome = run_until_done(io, client.send(std::move(t)));
    EXPECT_EQ(outcome.kind, Outcome::Kind::accepted) << outcome.reply.wire();
    EXPECT_EQ(outcome.reply.code, 250);
  }
  EXPECT_EQ(client.stats().connections_opened, 1u);
  EXPECT_EQ(client.stats().connections_reused, 2u);
  run_until_done(io, client.close_idle());

  // smtp-sink writes each transaction to its own file, lines ending in LF, dots unstuffed.
  std::vector<std::string> dumps;
  while (std::chrono::steady_clock::now() < deadline) {
    dumps.clear();
    for (const auto& entry : fs::directory_iterator(sink.directory)) {
      std::ifstream file(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << file.rdbuf();
      dumps.push_back(text.str());
    }
    bool complete = dumps.size() == messages.size();
    for (const std::string& message : messages) {
      std::size_t found = 0;
      for (const std::string& dump : dumps)
        found += dump.find(lf_lines(message)) != std::string::npos;
      complete = complete && found == 1;
    }
    if (complete) break;
    std::this_thread::sleep_for(milliseconds{20});
  }
  ASSERT_EQ(dumps.size(), messages.size());
  for (const std::string& message : messages) {
    std::size_t found = 0;
    for (const std::string& dump : dumps)
      found += dump.find(lf_lines(message)) != std::string::npos;
    EXPECT_EQ(found, 1u) << message;
  }
}

}  // namespace
}  // namespace galguard::relay::testing
