// The review UI's listener inside `galguard serve`, over raw HTTP: what a browser (or a
// scanner) meets before any page logic — the safety headers, redirects to the login, an
// answer to what is not HTTP, a clear error when the port is taken, and a clean stop. The
// pages themselves are tested in tests/unit/review and in Chromium (tests/browser).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "tests/integration/gateway_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

// Sends `request` to 127.0.0.1:port and reads until the server closes (or 5 s pass).
std::string http_exchange(std::uint16_t port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "(cannot connect)";
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  (void)!write(fd, request.data(), request.size());
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
    response.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return response;
}

std::string get(std::uint16_t port, const std::string& path) {
  return http_exchange(port,
                       "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

class ReviewListenerTest : public GatewayTest {
 protected:
  void start_with_review() {
    review_port_ = free_port();
    start({{"review",
            "enabled = true\nlisten = [\"127.0.0.1:" + std::to_string(review_port_) + "\"]"}});
  }

  std::uint16_t review_port_ = 0;
};

TEST_F(ReviewListenerTest, TheLoginPageComesWithItsSafetyHeadersAndCookieFlags) {
  start_with_review();
  const std::string page = get(review_port_, "/login");
  EXPECT_EQ(page.rfind("HTTP/1.1 200", 0), 0U) << page;
  EXPECT_NE(page.find("Content-Security-Policy: default-src 'none'"), std::string::npos) << page;
  EXPECT_NE(page.find("X-Frame-Options: DENY"), std::string::npos) << page;
  EXPECT_NE(page.find("Cache-Control: no-store"), std::string::npos) << page;
  const auto cookie = page.find("Set-Cookie: galguard_login=");
  ASSERT_NE(cookie, std::string::npos) << page;
  const std::string line = page.substr(cookie, page.find("\r\n", cookie) - cookie);
  EXPECT_NE(line.find("HttpOnly"), std::string::npos) << line;
  EXPECT_NE(line.find("SameSite=Strict"), std::string::npos) << line;
  EXPECT_NE(page.find("name=\"password\""), std::string::npos);
}

TEST_F(ReviewListenerTest, TheQueueWithoutASessionLeadsToTheLogin) {
  start_with_review();
  const std::string page = get(review_port_, "/queue");
  EXPECT_EQ(page.rfind("HTTP/1.1 303", 0), 0U) << page;
  EXPECT_NE(page.find("Location: /login"), std::string::npos) << page;
}

TEST_F(ReviewListenerTest, WhatIsNotHttpGetsA400AndTheListenerGoesOn) {
  start_with_review();
  EXPECT_EQ(http_exchange(review_port_, "HELO mail.example\r\n\r\n").rfind("HTTP/1.1 400", 0), 0U);
  const std::string huge = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n";
  EXPECT_EQ(http_exchange(review_port_, huge).rfind("HTTP/1.1 413", 0), 0U);
  EXPECT_EQ(get(review_port_, "/login").rfind("HTTP/1.1 200", 0), 0U);
}

TEST_F(ReviewListenerTest, ATakenPortStopsServeWithTheAddressInTheError) {
  if (const std::string why = peers_unavailable(); !why.empty()) GTEST_SKIP() << why;
  const int taken = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ASSERT_EQ(bind(taken, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(taken, 1), 0);
  socklen_t length = sizeof address;
  getsockname(taken, reinterpret_cast<sockaddr*>(&address), &length);
  review_port_ = ntohs(address.sin_port);
  try {
    start({{"review",
            "enabled = true\nlisten = [\"127.0.0.1:" + std::to_string(review_port_) + "\"]"}});
    ADD_FAILURE() << "serve started although the review port was taken";
  } catch (const std::exception& e) {
    EXPECT_NE(
        std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(review_port_)),
        std::string::npos)
        << e.what();
  }
  close(taken);
}

TEST_F(ReviewListenerTest, SigtermStopsServeWhileABrowserKeepsAConnectionOpen) {
  start_with_review();
  const int idle = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(review_port_);
  ASSERT_EQ(connect(idle, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const int status = gateway_->kill(SIGTERM, 10s);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status << "\n" << gateway_->log();
  close(idle);
}

}  // namespace
}  // namespace galguard::testing
