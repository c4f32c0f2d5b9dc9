// A deliberately dumb blocking SMTP client for protocol tests: it sends exactly the bytes it is
// given (bad ones included) and reads replies as they come, so a test can say what a real
// client would see on the wire.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace galguard::testing {

class SmtpClient {
 public:
  explicit SmtpClient(std::uint16_t port) : fd_(connect_to(port)) {
    if (fd_ < 0) throw std::runtime_error("cannot connect to port " + std::to_string(port));
  }
  ~SmtpClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;

  static bool can_connect(std::uint16_t port) {
    const int fd = connect_to(port);
    if (fd < 0) return false;
    ::close(fd);
    return true;
  }

  void send(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      done += static_cast<std::size_t>(n);
    }
  }

  // One whole reply (all its lines), or "" when the server closed or timed out first.
  std::string read_reply(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    for (;;) {
      // A reply ends with a line "NNN " (space after the code) and CRLF.
      std::size_t start = 0;
      for (;;) {
        const std::size_t end = buffer_.find("\r\n", start);
        if (end == std::string::npos) break;
        if (end - start >= 4 && buffer_[start + 3] == ' ') {
          std::string reply = buffer_.substr(0, end + 2);
          buffer_.erase(0, end + 2);
          return reply;
        }
        if (end - start == 3) {  // "250\r\n" is a final line too
          std::string reply = buffer_.substr(0, end + 2);
          buffer_.erase(0, end + 2);
          return reply;
        }
        start = end + 2;
      }
      if (!fill(timeout)) return "";
    }
  }

  // "250 2.1.0" (code and enhanced status) of the next reply; "" when none came.
  std::string read_code(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return code_of(read_reply(timeout));
  }

  std::string command(const std::string& line) {
    send(line + "\r\n");
    return read_code();
  }

  // True when the server closed the connection (EOF) within the timeout.
  bool closed(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    while (fill(timeout)) {
    }
    return eof_;
  }

  static std::string code_of(const std::string& reply) {
    std::string_view text(reply);
    if (text.ends_with("\r\n")) text.remove_suffix(2);
    const std::size_t previous = text.rfind("\r\n");
    const std::string_view line =
        previous == std::string_view::npos ? text : text.substr(previous + 2);
    if (line.size() < 3) return "";
    std::string out(line.substr(0, 3));
    // "250 2.1.0 Ok": the enhanced status is the word after the code when it looks like one.
    if (line.size() > 9 && line[4] >= '2' && line[4] <= '5' && line[5] == '.') {
      const std::size_t space = line.find(' ', 4);
      out += " ";
      out += line.substr(4, space == std::string_view::npos ? line.npos : space - 4);
    }
    return out;
  }

 private:
  static int connect_to(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }

  bool fill(std::chrono::milliseconds timeout) {
    if (eof_) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_;
  std::string buffer_;
  bool eof_ = false;
};

}  // namespace galguard::testing
