// Real peers for galguard's integration tests: a private Postfix instance
// (tests/peers/postfix-peer) and Postfix's smtp-sink (tests/peers/smtp-sink-peer), each in a fresh
// directory /tmp/galguard-it-XXXXXX that is removed afterwards (kept when GALGUARD_KEEP_PEERS is
// set), plus a small blocking SMTP client to inject mail. Header-only; starting Postfix needs root.
//
//   galguard::testing::SmtpSink sink;                                   // 127.0.0.1:free port
//   galguard::testing::PostfixPeer postfix(galguard::testing::PostfixMode::content_filter,
//                                          {.filter = galguard_port, .sink = sink.port()});
//   EXPECT_EQ(postfix.inject(message, "a@example.org", {"b@example.net"}).substr(0, 3), "250");
//   EXPECT_TRUE(sink.wait_for_count(1, std::chrono::seconds(20)));
//
// Port 0 in PostfixPorts and SmtpSink means "pick a free one" (free_port()).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#ifndef GALGUARD_PEERS_DIR
#error "GALGUARD_PEERS_DIR must name the tests/peers directory"
#endif

namespace galguard::testing {

// Polls `predicate` every `interval` until it returns true (then true) or `timeout` has passed
// (then false). The predicate is always called at least once.
template <typename Predicate>
bool wait_until(Predicate&& predicate, std::chrono::milliseconds timeout,
                std::chrono::milliseconds interval = std::chrono::milliseconds(50)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (predicate()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

namespace detail {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline char to_upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

inline std::string system_error_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline bool keep_peers() {
  const char* keep = std::getenv("GALGUARD_KEEP_PEERS");
  return keep != nullptr && *keep != '\0';
}

inline std::string peers_script(const char* name) {
  return std::string(GALGUARD_PEERS_DIR) + "/" + name;
}

// The last `count` lines of `text`.
inline std::string tail_lines(const std::string& text, std::size_t count) {
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (std::size_t seen = 0; pos > 0; --pos)
    if (text[pos - 1] == '\n' && ++seen == count) break;
  return text.substr(pos);
}

// mkdtemp under /tmp, made o+x: the Postfix daemons and smtp-sink run as user postfix and must
// get through it. Removed in the destructor unless GALGUARD_KEEP_PEERS is set.
class TempDir {
 public:
  TempDir() {
    std::string path = "/tmp/galguard-it-XXXXXX";
    if (mkdtemp(path.data()) == nullptr) throw std::runtime_error(system_error_text("mkdtemp"));
    path_ = path;
    if (chmod(path_.c_str(), 0711) != 0) throw std::runtime_error(system_error_text("chmod"));
  }
  ~TempDir() {
    if (keep_peers()) {
      std::cerr << "GALGUARD_KEEP_PEERS: kept " << path_ << "\n";
      return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace detail

struct CommandResult {
  int exit_code = -1;  // -1: did not exit normally
  std::string output;  // standard output and standard error together
};

// Runs argv[0] (a path, no PATH search) with standard input from /dev/null and its output in a
// temporary file, not a pipe: the peer scripts leave daemons running, and a daemon that
// inherited a pipe would keep the reader waiting. No other descriptor is passed on.
inline CommandResult run_command(const std::vector<std::string>& argv) {
  CommandResult result;
  if (argv.empty()) return result;
  char out_path[] = "/tmp/galguard-it-out-XXXXXX";
  const int out = mkostemp(out_path, O_CLOEXEC);
  if (out < 0) throw std::runtime_error(detail::system_error_text("mkostemp"));
  const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  std::vector<char*> args;
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const long max_fd = sysconf(_SC_OPEN_MAX);

  const pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls from here on.
    if (null >= 0) dup2(null, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    if (close_range(3, ~0U, 0) != 0)
      for (long fd = 3; fd < std::min(max_fd, 65536L); ++fd)
        close(static_cast<int>(fd));
    execv(args[0], args.data());
    _exit(127);
  }
  const int fork_errno = errno;
  if (null >= 0) close(null);
  close(out);
  if (pid < 0) {
    unlink(out_path);
    errno = fork_errno;
    throw std::runtime_error(detail::system_error_text("fork"));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.output = detail::read_file(out_path);
  unlink(out_path);
  return result;
}

// Starts argv[0] (a path) in the background: standard input from /dev/null, standard output and
// error to `output` (truncated), no other descriptor passed on. Returns its pid; the caller
// waits for it.
inline pid_t spawn(const std::vector<std::string>& argv, const std::string& output) {
  std::vector<char*> args;
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || null < 0) _exit(127);
    dup2(null, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    close_range(3, ~0U, 0);
    execv(args[0], args.data());
    _exit(127);
  }
  if (pid < 0) throw std::runtime_error(detail::system_error_text("fork"));
  return pid;
}

// Something accepts TCP connections on 127.0.0.1:port (a peer is up).
inline bool accepts_connections(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// How often `what` occurs in `text` (log lines, redrawn progress lines).
inline std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// Why the peers cannot run here, or "" when they can (for GTEST_SKIP).
inline std::string peers_unavailable() {
  if (geteuid() != 0) return "the Postfix peers need root (postfix start, smtp-sink -u postfix)";
  for (const char* tool : {"/usr/sbin/postfix", "/usr/sbin/postqueue", "/usr/sbin/smtp-sink"})
    if (access(tool, X_OK) != 0)
      return std::string(tool) + " is not installed (apt-get install postfix)";
  return "";
}

// A TCP port on 127.0.0.1 that was free a moment ago (bind port 0, read it back, close). Never
// the same port twice in one process, so several calls give distinct ports.
inline std::uint16_t free_port() {
  static std::set<std::uint16_t> handed_out;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error(detail::system_error_text("socket"));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    const int saved_errno = errno;
    close(fd);
    if (!ok) {
      errno = saved_errno;
      throw std::runtime_error(detail::system_error_text("bind 127.0.0.1:0"));
    }
    const std::uint16_t port = ntohs(address.sin_port);
    if (handed_out.insert(port).second) return port;
  }
  throw std::runtime_error("free_port: no new free port after 100 attempts");
}

// One SMTP reply: the code and every line as received (without CRLF).
struct SmtpReply {
  int code = 0;
  std::vector<std::string> lines;
  const std::string& last() const {
    static const std::string kNone;
    return lines.empty() ? kNone : lines.back();
  }
};

// The blocking SMTP client behind send_message and PostfixPeer::inject: one connection to
// 127.0.0.1:port, every read and write bounded by `timeout`, replies parsed into SmtpReply.
// Throws std::runtime_error when the connection fails or is lost. (smtp_client.hpp's SmtpClient
// is the byte-exact one for protocol tests.)
class InjectClient {
 public:
  explicit InjectClient(std::uint16_t port,
                        std::chrono::seconds timeout = std::chrono::seconds(150))
      : port_(port) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) fail("socket");
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count());
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      const int saved_errno = errno;
      close(fd_);
      fd_ = -1;
      errno = saved_errno;
      fail("connect");
    }
  }
  ~InjectClient() {
    if (fd_ >= 0) close(fd_);
  }
  InjectClient(const InjectClient&) = delete;
  InjectClient& operator=(const InjectClient&) = delete;

  void send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("send");
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  SmtpReply read_reply() {
    SmtpReply reply;
    while (true) {
      std::string line = read_line();
      if (line.size() < 3 || !std::all_of(line.begin(), line.begin() + 3, detail::is_digit))
        throw std::runtime_error(where() + ": not an SMTP reply: " + line);
      reply.code = std::stoi(line.substr(0, 3));
      const bool more = line.size() > 3 && line[3] == '-';
      reply.lines.push_back(std::move(line));
      if (!more) return reply;
    }
  }

  SmtpReply command(const std::string& line) {
    send(line + "\r\n");
    return read_reply();
  }

 private:
  std::string read_line() {
    while (true) {
      const auto end = buffer_.find("\r\n");
      if (end != std::string::npos) {
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return line;
      }
      char chunk[4096];
      const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail("recv");
      if (n == 0) throw std::runtime_error(where() + ": connection closed by the server");
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  std::string where() const { return "SMTP 127.0.0.1:" + std::to_string(port_); }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(detail::system_error_text(where() + ": " + what));
  }

  std::uint16_t port_;
  int fd_ = -1;
  std::string buffer_;
};

// The DATA payload for `raw`: LF or CRLF line ends become CRLF, lines starting with "." get a
// second one (RFC 5321 4.5.2), and ".\r\n" ends it.
inline std::string smtp_data(std::string_view raw) {
  std::string data;
  data.reserve(raw.size() + raw.size() / 32 + 8);
  std::size_t start = 0;
  while (start < raw.size()) {
    std::size_t end = raw.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) end = raw.size();
    std::string_view line = raw.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() == '.') data += '.';
    data.append(line);
    data += "\r\n";
    start = end + 1;
  }
  data += ".\r\n";
  return data;
}

// Sends one message to 127.0.0.1:port and returns the final reply line: the answer to the end of
// DATA, or the first reply that ended the transaction early (greeting, EHLO, MAIL, any RCPT,
// DATA). MAIL FROM gets BODY=8BITMIME when the message has 8-bit bytes and SMTPUTF8 when an
// envelope address is not ASCII (each only when the server offers it and `mail_parameters`
// does not name it already); `mail_parameters` is appended as given (" SIZE=123 ...").
inline std::string send_message(std::uint16_t port, std::string_view raw, const std::string& from,
                                const std::vector<std::string>& rcpts,
                                const std::string& mail_parameters = "") {
  const auto is_8bit = [](std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  };
  InjectClient client(port);
  const auto finish = [&client](const SmtpReply& reply) {
    try {
      client.command("QUIT");
    } catch (const std::exception&) {
      // The server may already have closed the connection; the reply is what counts.
    }
    return reply.last();
  };

  SmtpReply reply = client.read_reply();
  if (reply.code != 220) return finish(reply);
  reply = client.command("EHLO galguard-it.test");
  if (reply.code != 250) return finish(reply);
  bool offers_8bitmime = false;
  bool offers_smtputf8 = false;
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    std::string keyword = reply.lines[i].substr(4);
    keyword = keyword.substr(0, keyword.find(' '));
    std::transform(keyword.begin(), keyword.end(), keyword.begin(), detail::to_upper);
    offers_8bitmime = offers_8bitmime || keyword == "8BITMIME";
    offers_smtputf8 = offers_smtputf8 || keyword == "SMTPUTF8";
  }
  std::string upper_parameters = mail_parameters;
  std::transform(upper_parameters.begin(), upper_parameters.end(), upper_parameters.begin(),
                 detail::to_upper);
  std::string parameters = mail_parameters;
  if (offers_8bitmime && is_8bit(raw) && upper_parameters.find("BODY=") == std::string::npos)
    parameters += " BODY=8BITMIME";
  const bool utf8_envelope = is_8bit(from) || std::any_of(rcpts.begin(), rcpts.end(), is_8bit);
  if (offers_smtputf8 && utf8_envelope && upper_parameters.find("SMTPUTF8") == std::string::npos)
    parameters += " SMTPUTF8";

  reply = client.command("MAIL FROM:<" + from + ">" + parameters);
  if (reply.code / 100 != 2) return finish(reply);
  for (const auto& rcpt : rcpts) {
    reply = client.command("RCPT TO:<" + rcpt + ">");
    if (reply.code / 100 != 2) return finish(reply);
  }
  reply = client.command("DATA");
  if (reply.code != 354) return finish(reply);
  client.send(smtp_data(raw));
  return finish(client.read_reply());
}

// The numeric code of a reply line ("250 2.0.0 Ok" -> 250), 0 when there is none.
inline int reply_code(std::string_view line) {
  if (line.size() < 3 || !std::all_of(line.begin(), line.begin() + 3, detail::is_digit)) return 0;
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

enum class PostfixMode { content_filter, proxy_filter, milter, plain };

inline const char* to_string(PostfixMode mode) {
  switch (mode) {
    case PostfixMode::content_filter:
      return "content-filter";
    case PostfixMode::proxy_filter:
      return "proxy-filter";
    case PostfixMode::milter:
      return "milter";
    case PostfixMode::plain:
      return "plain";
  }
  return "plain";
}

struct PostfixPorts {
  std::uint16_t smtpd = 0;     // the injection smtpd (the public "smtp" service)
  std::uint16_t filter = 0;    // where Postfix hands mail to the filter (galguard listens here;
                               // in milter mode its milter listener)
  std::uint16_t reinject = 0;  // the re-injection / after-filter smtpd the filter relays to
                               // (none in milter mode)
  std::uint16_t sink = 0;      // relayhost [127.0.0.1]:sink, where every message leaves
};

// A private Postfix instance (tests/peers/postfix-peer) in a fresh temporary directory, started
// by the constructor (std::runtime_error with the script's output if it fails) and stopped by
// the destructor. When the test has failed by then, the end of the Postfix log is printed.
class PostfixPeer {
 public:
  PostfixPeer(PostfixMode mode, PostfixPorts ports) : mode_(mode), ports_(ports) {
    if (ports_.smtpd == 0) ports_.smtpd = free_port();
    if (ports_.sink == 0) ports_.sink = free_port();
    std::vector<std::string> args = {"start",        dir_.path(),
                                     "--mode",       to_string(mode_),
                                     "--smtpd-port", std::to_string(ports_.smtpd),
                                     "--sink-port",  std::to_string(ports_.sink)};
    if (mode_ != PostfixMode::plain) {
      if (ports_.filter == 0) ports_.filter = free_port();
      args.insert(args.end(), {"--filter-port", std::to_string(ports_.filter)});
    }
    if (mode_ == PostfixMode::content_filter || mode_ == PostfixMode::proxy_filter) {
      if (ports_.reinject == 0) ports_.reinject = free_port();
      args.insert(args.end(), {"--reinject-port", std::to_string(ports_.reinject)});
    }
    const CommandResult started = script(args);
    if (started.exit_code != 0) {
      script({"stop", dir_.path()});  // whatever got started
      throw std::runtime_error("postfix-peer start failed (exit " +
                               std::to_string(started.exit_code) + "):\n" + started.output);
    }
    running_ = true;
  }

  ~PostfixPeer() {
    if (::testing::Test::HasFailure())
      std::cerr << "---- end of " << dir_.path() << "/postfix.log ----\n"
                << detail::tail_lines(log(), 60) << "---- (" << to_string(mode_) << ") ----\n";
    stop();
  }
  PostfixPeer(const PostfixPeer&) = delete;
  PostfixPeer& operator=(const PostfixPeer&) = delete;

  PostfixMode mode() const { return mode_; }
  const PostfixPorts& ports() const { return ports_; }
  const std::string& dir() const { return dir_.path(); }

  // SMTP to the injection smtpd; the final reply line (see send_message).
  std::string inject(std::string_view raw, const std::string& from,
                     const std::vector<std::string>& rcpts,
                     const std::string& mail_parameters = "") const {
    return send_message(ports_.smtpd, raw, from, rcpts, mail_parameters);
  }

  // postqueue -f: try deferred mail now instead of at the next queue run.
  void flush() const {
    const CommandResult flushed = script({"flush", dir_.path()});
    if (flushed.exit_code != 0) throw std::runtime_error("postfix-peer flush: " + flushed.output);
  }

  // Queue files in incoming, active, deferred, hold and maildrop.
  int queue_count() const {
    const CommandResult counted = script({"queue-count", dir_.path()});
    if (counted.exit_code != 0)
      throw std::runtime_error("postfix-peer queue-count: " + counted.output);
    return std::stoi(counted.output);
  }

  // The whole maillog_file so far. Postfix daemons log through postlogd (a datagram socket), so
  // a line may appear only after the client got its reply: wait for lines with wait_for_log.
  std::string log() const { return detail::read_file(dir_.path() + "/postfix.log"); }

  bool wait_for_log(const std::string& text,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
    return wait_until([&] { return log().find(text) != std::string::npos; }, timeout,
                      std::chrono::milliseconds(100));
  }

  // Stops the instance (also done by the destructor); idempotent.
  void stop() {
    if (!running_) return;
    running_ = false;
    const CommandResult stopped = script({"stop", dir_.path()});
    if (stopped.exit_code != 0) std::cerr << "postfix-peer stop: " << stopped.output;
  }

 private:
  CommandResult script(std::vector<std::string> args) const {
    args.insert(args.begin(), detail::peers_script("postfix-peer"));
    return run_command(args);
  }

  detail::TempDir dir_;
  PostfixMode mode_;
  PostfixPorts ports_;
  bool running_ = false;
};

// What smtp-sink wrote for one message (see smtp-sink(1), DUMP FILE FORMAT). Line ends are LF.
struct SinkMessage {
  std::string mail_args;               // X-Mail-Args: "<a@example.org> BODY=8BITMIME"
  std::vector<std::string> rcpt_args;  // X-Rcpt-Args, one per RCPT: "<b@example.net> ORCPT=..."
  std::string header;  // the message's header block as received, each line ending in "\n"
  std::string body;    // everything after the empty line that ends the header block
};

inline SinkMessage parse_sink_file(std::string_view text) {
  SinkMessage message;
  std::size_t pos = 0;
  const auto next_line = [&text, &pos]() {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = std::min(text.size(), end + 1);
    return line;
  };
  // smtp-sink's own lines: X-Client-Addr, X-Client-Proto, X-Helo-Args, X-Mail-Args,
  // X-Rcpt-Args..., then its three-line Received header.
  while (pos < text.size()) {
    const std::size_t line_start = pos;
    const std::string_view line = next_line();
    if (line.rfind("X-Mail-Args: ", 0) == 0) {
      message.mail_args = line.substr(13);
    } else if (line.rfind("X-Rcpt-Args: ", 0) == 0) {
      message.rcpt_args.emplace_back(line.substr(13));
    } else if (line.rfind("Received: ", 0) == 0) {
      while (pos < text.size() && (text[pos] == '\t' || text[pos] == ' '))
        next_line();
      break;
    } else if (line.rfind("X-", 0) != 0) {
      pos = line_start;  // not smtp-sink's: the message starts here
      break;
    }
  }
  const std::string_view rest = text.substr(pos);
  const std::size_t separator = rest.find("\n\n");
  if (rest.substr(0, 1) == "\n") {  // no header lines at all
    message.body = std::string(rest.substr(1));
  } else if (separator == std::string_view::npos) {
    message.header = std::string(rest);
  } else {
    message.header = std::string(rest.substr(0, separator + 1));
    message.body = std::string(rest.substr(separator + 2));
  }
  // smtp-sink ends every dump with one empty line of its own.
  if (!message.body.empty() && message.body.back() == '\n') message.body.pop_back();
  return message;
}

// Postfix's smtp-sink on 127.0.0.1:port (tests/peers/smtp-sink-peer) writing one file per message
// into a fresh temporary directory; started by the constructor, stopped by the destructor.
// smtp-sink does not offer SMTPUTF8: Postfix bounces (5.6.7) messages that asked for SMTPUTF8 and
// carry UTF-8 in the envelope or headers instead of delivering them here.
class SmtpSink {
 public:
  explicit SmtpSink(std::uint16_t port = 0) : port_(port == 0 ? free_port() : port) { start(); }
  ~SmtpSink() { stop(); }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }
  const std::string& dir() const { return dir_.path(); }

  // Starts smtp-sink again after stop(), on the same port and directory (earlier messages stay).
  void start() {
    if (running_) return;
    std::vector<std::string> args{"start", dir_.path(), "--port", std::to_string(port_)};
    if (!hard_reject_.empty()) args.insert(args.end(), {"--hard-reject", hard_reject_});
    if (!soft_reject_.empty()) args.insert(args.end(), {"--soft-reject", soft_reject_});
    const CommandResult started = script(args);
    if (started.exit_code != 0)
      throw std::runtime_error("smtp-sink-peer start failed (exit " +
                               std::to_string(started.exit_code) + "):\n" + started.output);
    running_ = true;
  }

  void stop() {
    if (!running_) return;
    running_ = false;
    const CommandResult stopped = script({"stop", dir_.path()});
    if (stopped.exit_code != 0) std::cerr << "smtp-sink-peer stop: " << stopped.output;
  }

  // Restarts the sink refusing the listed commands ("RCPT", "DATA", "." for the end of data)
  // with a 5xx (hard) or 4xx (soft) reply, as smtp-sink's -f and -r do.
  void restart_rejecting(std::string hard, std::string soft = "") {
    stop();
    hard_reject_ = std::move(hard);
    soft_reject_ = std::move(soft);
    start();
  }

  // Complete messages so far: smtp-sink creates a file at MAIL FROM and keeps it open until the
  // final ".", so files it still holds open are not counted (as `smtp-sink-peer count`).
  int count() const { return static_cast<int>(complete_files().size()); }

  bool wait_for_count(int n, std::chrono::milliseconds timeout) const {
    return wait_until([&] { return count() >= n; }, timeout, std::chrono::milliseconds(100));
  }

  // The contents of the complete message files, oldest first (parse_sink_file reads them).
  std::vector<std::string> messages() const {
    std::vector<std::string> contents;
    for (const auto& file : complete_files())
      contents.push_back(detail::read_file(file));
    return contents;
  }

 private:
  CommandResult script(std::vector<std::string> args) const {
    args.insert(args.begin(), detail::peers_script("smtp-sink-peer"));
    return run_command(args);
  }

  std::string hard_reject_, soft_reject_;

  std::vector<std::string> complete_files() const {
    namespace fs = std::filesystem;
    std::set<std::string> open_files;
    const std::string pid_text = detail::read_file(dir_.path() + "/sink.pid");
    const std::string pid = pid_text.substr(0, pid_text.find_first_of(" \n"));
    std::error_code error;
    if (!pid.empty()) {
      for (fs::directory_iterator it("/proc/" + pid + "/fd", error), end; !error && it != end;
           it.increment(error)) {
        std::error_code link_error;
        const fs::path target = fs::read_symlink(it->path(), link_error);
        if (!link_error) open_files.insert(target.string());
      }
    }
    std::vector<std::pair<fs::file_time_type, std::string>> files;
    error.clear();
    for (fs::directory_iterator it(dir_.path(), error), end; !error && it != end;
         it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (name.rfind("msg.", 0) != 0 || open_files.count(it->path().string()) != 0) continue;
      std::error_code time_error;
      const auto time = fs::last_write_time(it->path(), time_error);
      if (!time_error) files.emplace_back(time, it->path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> paths;
    for (auto& [time, path] : files)
      paths.push_back(std::move(path));
    return paths;
  }

  detail::TempDir dir_;
  std::uint16_t port_;
  bool running_ = false;
};

}  // namespace galguard::testing
