// `galguard serve --log-format json`: every line serve writes is one JSON object — the
// warnings at start, "listening on", the review UI, each message, a reload, the scheduled
// audit and the stop — so a log shipper can parse the stream without a fallback. Needs no
// Postfix: the next hop is a closed port (the clean message is deferred, still one line).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/integration/gateway_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kCleanRcpt{"servicedesk.stockholm@fujitsu.com"};
const std::vector<std::string> kReferenceRcpt{"m.exempel@elevstockholm.onmicrosoft.com"};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// serve on the config `process` wrote, with extra arguments; its own standard output and
// error go to `console`.
class Serve {
 public:
  Serve(const GalguardProcess& process, std::vector<std::string> args,
        const std::filesystem::path& console)
      : port_(process.port()) {
    std::vector<std::string> argv = {GALGUARD_BINARY, "serve", "--config",
                                     process.config_path().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      const int out = ::open(console.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(out, 1);
      ::dup2(out, 2);
      std::vector<char*> c_argv;
      for (auto& a : argv)
        c_argv.push_back(a.data());
      c_argv.push_back(nullptr);
      ::execv(GALGUARD_BINARY, c_argv.data());
      ::_exit(127);
    }
  }
  ~Serve() { stop(SIGKILL); }

  bool ready() {
    for (auto deadline = std::chrono::steady_clock::now() + 20s;
         std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(20ms)) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      if (SmtpClient::can_connect(port_)) return true;
    }
    return false;
  }
  void signal(int sig) { ::kill(pid_, sig); }
  void stop(int sig = SIGTERM) {
    if (pid_ <= 0) return;
    ::kill(pid_, sig);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  std::uint16_t port_;
  pid_t pid_ = -1;
};

bool wait_for(const std::filesystem::path& file, const std::string& text) {
  for (auto deadline = std::chrono::steady_clock::now() + 10s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(20ms))
    if (read_text(file).find(text) != std::string::npos) return true;
  return false;
}

class JsonLogTest : public ::testing::Test {
 protected:
  JsonLogTest()
      : process_(
            dir_.path() + "/galguard", free_port(),
            {{"relay", "next_hop = \"127.0.0.1:" + std::to_string(free_port()) + "\""},
             // user_header without trusted_proxies: a config warning at start.
             {"review", "enabled = true\nlisten = [\"127.0.0.1:" + std::to_string(free_port()) +
                            "\"]\nuser_header = \"X-Remote-User\""},
             {"audit", "interval = \"1s\"\nreports = \"" + dir_.path() + "/audit\""}}) {}

  detail::TempDir dir_;
  GalguardProcess process_;
};

TEST_F(JsonLogTest, EveryLineServeWritesIsOneJsonObject) {
  const std::filesystem::path log = dir_.path() + "/json.log";
  const std::filesystem::path console = dir_.path() + "/console.txt";
  Serve serve(process_, {"--log-format", "json", "--log-file", log.string()}, console);
  ASSERT_TRUE(serve.ready()) << read_text(console) << read_text(log);

  EXPECT_EQ(reply_code(send_message(process_.port(), sample("messages/05-processor-ok.eml"), kFrom,
                                    kCleanRcpt)) /
                100,
            4);  // the next hop is down
  EXPECT_EQ(reply_code(send_message(process_.port(), sample("messages/01-skarholmen-incident.eml"),
                                    kFrom, kReferenceRcpt)),
            250);
  EXPECT_TRUE(wait_for(log, "scheduled audit")) << read_text(log);
  serve.signal(SIGHUP);
  EXPECT_TRUE(wait_for(log, "directory loaded") && wait_for(log, "SIGHUP")) << read_text(log);
  serve.stop();

  const std::vector<std::string> lines = lines_of(read_text(log));
  std::vector<nlohmann::json> objects;
  for (const auto& line : lines) {
    const auto object = nlohmann::json::parse(line, nullptr, false);
    EXPECT_TRUE(object.is_object()) << "not one JSON object: " << line;
    if (object.is_object()) objects.push_back(object);
  }
  auto said = [&](const std::string& level, const std::string& text) {
    for (const auto& o : objects)
      if (o.value("level", "") == level && o.value("text", "").find(text) != std::string::npos)
        return true;
    return false;
  };
  EXPECT_TRUE(said("warning", "user_header")) << read_text(log);
  EXPECT_TRUE(said("info", "listening on")) << read_text(log);
  EXPECT_TRUE(said("info", "review UI on")) << read_text(log);
  EXPECT_TRUE(said("info", "SIGHUP")) << read_text(log);
  EXPECT_TRUE(said("info", "scheduled audit")) << read_text(log);
  EXPECT_TRUE(said("info", "stopped")) << read_text(log);
  std::vector<std::string> verdicts;
  for (const auto& o : objects)
    if (o.contains("verdict")) verdicts.push_back(o["verdict"]);
  EXPECT_EQ(verdicts, (std::vector<std::string>{"pass", "quarantine"}));
  for (const auto& o : objects)
    EXPECT_TRUE(o.contains("time")) << o.dump();
  // Nothing went around the log to the console.
  EXPECT_EQ(read_text(console), "");
}

TEST_F(JsonLogTest, AnErrorAtStartIsAJsonLineToo) {
  const std::filesystem::path console = dir_.path() + "/console.txt";
  // The SMTP port is taken: serve cannot listen and exits.
  const int taken = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(process_.port());
  ASSERT_EQ(::bind(taken, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(taken, 1), 0);
  {
    Serve serve(process_, {"--log-format", "json"}, console);
    serve.stop(0);  // wait for its exit
  }
  ::close(taken);
  const auto lines = lines_of(read_text(console));
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines)
    EXPECT_TRUE(nlohmann::json::parse(line, nullptr, false).is_object()) << line;
  const auto last = nlohmann::json::parse(lines.back(), nullptr, false);
  EXPECT_EQ(last.value("level", ""), "error") << lines.back();
  EXPECT_NE(last.value("text", "").find("cannot listen"), std::string::npos) << lines.back();
}

TEST_F(JsonLogTest, PostfixOnTheCommandLineOverridesJsonInTheConfig) {
  std::ofstream(process_.config_path(), std::ios::app) << "[log]\nformat = \"json\"\n";
  const std::filesystem::path console = dir_.path() + "/console.txt";
  Serve serve(process_, {"--log-format", "postfix"}, console);
  ASSERT_TRUE(serve.ready()) << read_text(console);
  serve.stop();
  const auto lines = lines_of(read_text(console));
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    EXPECT_NE(line.front(), '{') << line;
    EXPECT_NE(line.find(" galguard["), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace galguard::testing
