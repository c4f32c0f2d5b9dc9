#include "extract/sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <string_view>

#include "extract/wire.hpp"

namespace galguard::extract {
namespace {

using Clock = std::chrono::steady_clock;

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    reset();
    fd_ = std::exchange(other.fd_, -1);
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  return {Fd(fds[0]), Fd(fds[1])};
}

// A write to a child that has died raises SIGPIPE, which would end the gateway: blocked in this
// thread while writing, and a pending one taken back before it is unblocked.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeBlock() {
    const timespec zero{0, 0};
    while (sigtimedwait(&pipe_, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  sigset_t pipe_;
  sigset_t old_;
};

enum class Ending { finished, timed_out, flooded };

struct Exchange {
  std::string output;
  Ending ending = Ending::finished;
  int status = 0;  // from waitpid
};

pid_t spawn(const std::vector<std::string>& command, int stdin_fd, int stdout_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  // Library warnings could quote a file: the reader has no stderr.
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // Nothing else of the gateway's (listening sockets, the quarantine database) reaches a
  // process that parses hostile files.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  std::vector<char*> argv;
  for (const std::string& arg : command)
    argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  char* envp[] = {nullptr};
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start the attachment reader " + command[0]);
  return pid;
}

// Writes `input` while collecting stdout, until the child closes it, the deadline passes or
// the output passes max_output; then the child is reaped (killed first unless it finished).
Exchange exchange(const std::vector<std::string>& command, std::string_view input,
                  Clock::time_point deadline, std::size_t max_output) {
  Pipe to_child = make_pipe();
  Pipe from_child = make_pipe();
  const pid_t pid = spawn(command, to_child.read.get(), from_child.write.get());
  to_child.read.reset();
  from_child.write.reset();
  ::fcntl(to_child.write.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(from_child.read.get(), F_SETFL, O_NONBLOCK);

  const SigpipeBlock block;
  Exchange result;
  std::size_t written = 0;
  char buffer[65536];
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      result.ending = Ending::timed_out;
      break;
    }
    pollfd fds[2] = {{from_child.read.get(), POLLIN, 0}, {to_child.write.get(), POLLOUT, 0}};
    const bool writing = to_child.write.get() >= 0;
    if (::poll(fds, writing ? 2 : 1, static_cast<int>(left.count())) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (writing && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n =
          ::write(to_child.write.get(), input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if ((n < 0 && errno != EAGAIN) || written == input.size()) to_child.write.reset();
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::read(from_child.read.get(), buffer, sizeof buffer);
      if (n == 0) break;  // the child closed its output: done or dead
      if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        break;
      }
      result.output.append(buffer, static_cast<std::size_t>(n));
      if (result.output.size() > max_output) {
        result.ending = Ending::flooded;
        break;
      }
    }
  }
  if (result.ending != Ending::finished) ::kill(pid, SIGKILL);
  while (::waitpid(pid, &result.status, 0) < 0 && errno == EINTR) {
  }
  return result;
}

// Why the reader stopped on the file it had not answered.
std::string failure(const Exchange& exchange) {
  if (exchange.ending == Ending::timed_out) return "limit: time";
  if (exchange.ending == Ending::flooded) return "limit: output";
  if (WIFSIGNALED(exchange.status) && WTERMSIG(exchange.status) == SIGXCPU) return "limit: time";
  if (WIFSIGNALED(exchange.status))
    return "reader failed (signal " + std::to_string(WTERMSIG(exchange.status)) + ")";
  return "reader failed (exit " + std::to_string(WEXITSTATUS(exchange.status)) + ")";
}

}  // namespace

std::vector<std::string> own_worker_command() {
  return {"/proc/self/exe", "extract", "--worker"};
}

void read_attachments_sandboxed(rules::MessageView& view, const Sandbox& sandbox) {
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < view.attachments.size(); ++i)
    if (view.attachments[i].waiting()) pending.push_back(i);
  if (pending.empty()) return;

  const Limits& limits = sandbox.limits;
  const Clock::time_point deadline = Clock::now() + limits.child_wall_time;
  // Text is at most max_text_bytes; JSON escaping can make it six times longer at worst.
  const std::size_t max_output = limits.max_text_bytes * 6 + 1024 * 1024;
  // A reader that dies costs the file it was on; the files after it get a new reader.
  while (!pending.empty()) {
    std::string input = wire::request_header(limits, view, pending) + "\n";
    for (const std::size_t i : pending)
      input += view.attachments[i].content;
    Exchange result;
    try {
      result = exchange(sandbox.command, input, deadline, max_output);
    } catch (const std::runtime_error&) {
      for (const std::size_t i : pending) {
        view.attachments[i].content.clear();
        view.attachments[i].why = "reader failed (cannot start)";
      }
      return;
    }

    std::vector<bool> answered(pending.size(), false);
    std::size_t start = 0;
    bool unreadable_reply = false;
    for (std::size_t end; (end = result.output.find('\n', start)) != std::string::npos;
         start = end + 1) {
      try {
        answered.at(wire::apply_reply(result.output.substr(start, end - start), view, pending)) =
            true;
      } catch (const std::exception&) {
        unreadable_reply = true;
        break;
      }
    }
    std::vector<std::size_t> rest;
    for (std::size_t k = 0; k < pending.size(); ++k)
      if (!answered[k]) rest.push_back(pending[k]);
    if (rest.empty()) return;

    const bool clean_exit = result.ending == Ending::finished && WIFEXITED(result.status) &&
                            WEXITSTATUS(result.status) == 0;
    const bool past_deadline = Clock::now() >= deadline;
    if (clean_exit || unreadable_reply || past_deadline) {
      // No reader will do better: everything left is not inspected, for the same reason.
      const std::string why = past_deadline ? "limit: time" : failure(result);
      for (const std::size_t i : rest) {
        view.attachments[i].content.clear();
        view.attachments[i].why = why;
      }
      return;
    }
    view.attachments[rest.front()].content.clear();
    view.attachments[rest.front()].why = failure(result);
    rest.erase(rest.begin());
    pending = std::move(rest);
  }
}

}  // namespace galguard::extract
