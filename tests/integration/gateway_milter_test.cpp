// galguard serve as a milter, seen from the wire: a client that speaks the MTA's side of the
// protocol (version 6, as Postfix 3.7 sends it, packets built here by hand so the test does not
// share galguard's encoder) sends whole conversations and checks every reply; a broken stream
// closes only its own connection; SIGTERM lets a message in progress finish.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/integration/galguard_process.hpp"
#include "tests/integration/gateway_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::string_literals;
using namespace std::chrono_literals;

struct MilterPacket {
  char command = 0;
  std::string payload;
};

inline std::string milter_u32(std::uint32_t value) {
  return {static_cast<char>(value >> 24 & 0xff), static_cast<char>(value >> 16 & 0xff),
          static_cast<char>(value >> 8 & 0xff), static_cast<char>(value & 0xff)};
}

inline std::string milter_wire(char command, const std::string& payload) {
  return milter_u32(static_cast<std::uint32_t>(payload.size() + 1)) + command + payload;
}

class MilterClient {
 public:
  explicit MilterClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error("cannot connect to milter port " + std::to_string(port));
  }
  ~MilterClient() { ::close(fd_); }
  MilterClient(const MilterClient&) = delete;
  MilterClient& operator=(const MilterClient&) = delete;

  void send_raw(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("milter send failed");
      done += static_cast<std::size_t>(n);
    }
  }
  void send(char command, const std::string& payload = "") {
    send_raw(milter_wire(command, payload));
  }

  // The next packet from galguard, or nothing when it closed the connection (or the timeout
  // passed).
  std::optional<MilterPacket> read(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (buffer_.size() >= 4) {
        const auto byte = [this](int i) {
          return static_cast<std::uint32_t>(static_cast<unsigned char>(buffer_[i]));
        };
        const std::uint32_t length = byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
        if (length > 0 && buffer_.size() >= 4 + length) {
          MilterPacket packet{buffer_[4], buffer_.substr(5, length - 1)};
          buffer_.erase(0, 4 + length);
          return packet;
        }
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
      char chunk[65536];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Whether galguard closed the connection (end of stream within the timeout).
  bool closed_by_peer(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char byte;
    return ::recv(fd_, &byte, 1, MSG_PEEK) == 0;
  }

  // SMFIC_OPTNEG as Postfix 3.7 offers it; returns galguard's answer.
  std::optional<MilterPacket> negotiate() {
    send('O', milter_u32(6) + milter_u32(0x1ff) + milter_u32(0x1fffff));
    return read();
  }

  // Connect, HELO, MAIL, RCPTs, the message's headers and body, end of message: everything
  // Postfix sends for one message with the protocol galguard negotiated (no reply expected
  // before the end of message). `connect` false: a second message on the same connection.
  void send_message(const std::string& raw, const std::string& from,
                    const std::vector<std::string>& rcpts, bool connect = true) {
    using namespace std::string_literals;
    if (connect) {
      send('C', "client.stockholm.se\0"s + "4" + "\x12\x67"s + "10.1.2.3\0"s);
      send('H', "client.stockholm.se\0"s);
    }
    send('D', "M{mail_addr}\0"s + from + '\0');
    send('M', "<" + from + ">\0"s);
    for (const auto& rcpt : rcpts) {
      send('D', "R{rcpt_addr}\0"s + rcpt + "\0i\0" + "4NxYz1\0"s);
      send('R', "<" + rcpt + ">\0"s);
    }
    std::istringstream in(raw);
    std::string line, body;
    bool in_body = false;
    std::vector<std::pair<std::string, std::string>> headers;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (in_body) {
        body += line + "\r\n";
      } else if (line.empty()) {
        in_body = true;
      } else if ((line[0] == ' ' || line[0] == '\t') && !headers.empty()) {
        headers.back().second += "\n" + line;
      } else {
        const auto colon = line.find(':');
        headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
      }
    }
    for (const auto& [name, value] : headers)
      send('L', name + '\0' + value + '\0');
    send('N');
    for (std::size_t at = 0; at < body.size(); at += 65535)
      send('B', body.substr(at, 65535));
    send('E');
  }

 private:
  int fd_ = -1;
  std::string buffer_;
};

const std::string kClean = sample("messages/05-processor-ok.eml");
const std::string kReference = sample("messages/01-skarholmen-incident.eml");
const std::string kReferenceRcpt = "m.exempel@elevstockholm.onmicrosoft.com";
const std::string kCleanRcpt = "servicedesk.stockholm@fujitsu.com";

// galguard serve with an SMTP listener (nothing is sent to it; the process helper waits for it)
// and a milter listener. Needs no root and no Postfix.
class GatewayMilterTest : public ::testing::Test {
 protected:
  void start(std::map<std::string, std::string> sections = {}) {
    milter_port_ = free_port();
    sections["milter"] =
        "listen = [\"127.0.0.1:" + std::to_string(milter_port_) + "\"]\n" + sections["milter"];
    gateway_ = std::make_unique<GalguardProcess>(dir_.path() + "/galguard", free_port(), sections);
    gateway_->start();
  }

  void TearDown() override {
    if (HasFailure() && gateway_)
      std::cerr << "---- galguard log ----\n" << gateway_->log() << "----\n";
  }

  nlohmann::json held() {
    int status = 0;
    const std::string out = gateway_->cli("quarantine list --state all --json", &status);
    EXPECT_EQ(status, 0) << out;
    return nlohmann::json::parse(out, nullptr, false);
  }

  detail::TempDir dir_;
  std::uint16_t milter_port_ = 0;
  std::unique_ptr<GalguardProcess> gateway_;
};

std::string text_of(const MilterPacket& packet) {
  return packet.payload.substr(0, packet.payload.find('\0'));
}

TEST_F(GatewayMilterTest, AWholeConversationClean_ThenTheReferenceCaseOnTheSameConnection) {
  start();
  MilterClient mta(milter_port_);
  const auto chosen = mta.negotiate();
  ASSERT_TRUE(chosen);
  ASSERT_EQ(chosen->command, 'O');
  EXPECT_EQ(chosen->payload.substr(0, 4), milter_u32(6));
  // SMFIF_ADDHDRS for the verdict header, SMFIF_SETSYMLIST for its macro list, nothing else.
  EXPECT_EQ(chosen->payload.substr(4, 4), milter_u32(0x101));
  // The one macro wanted: the queue id at the end of the message (SMFIM_EOM).
  EXPECT_EQ(chosen->payload.substr(12), milter_u32(5) + std::string("i\0", 2));

  mta.send_message(kClean, "it.skarholmen@stockholm.se", {kCleanRcpt});
  const auto header = mta.read();
  ASSERT_TRUE(header);
  EXPECT_EQ(header->command, 'h');
  EXPECT_EQ(header->payload, "X-Galguard-Verdict\0 pass (galguard galguard.test)\0"s);
  const auto accept = mta.read();
  ASSERT_TRUE(accept);
  EXPECT_EQ(accept->command, 'a');

  mta.send_message(kReference, "it.skarholmen@stockholm.se", {kReferenceRcpt}, false);
  const auto refusal = mta.read();
  ASSERT_TRUE(refusal);
  ASSERT_EQ(refusal->command, 'y');
  const std::string line = text_of(*refusal);
  EXPECT_EQ(line.substr(0, 10), "550 5.7.1 ") << line;
  EXPECT_NE(line.find("Service Desk 33900"), std::string::npos) << line;
  const auto list = held();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_NE(line.find("held for review as " + list[0]["id"].get<std::string>()), std::string::npos)
      << line;

  mta.send('Q');
  EXPECT_TRUE(mta.closed_by_peer());
  const std::string log = gateway_->log();
  EXPECT_NE(log.find("verdict=pass"), std::string::npos);
  EXPECT_NE(log.find("verdict=quarantine"), std::string::npos);
  EXPECT_NE(log.find("relay=milter"), std::string::npos);
  EXPECT_NE(log.find("milter 127.0.0.1:" + std::to_string(milter_port_)), std::string::npos)
      << "the listening line names the milter endpoint";
  EXPECT_EQ(log.find("19121212"), std::string::npos) << "identity numbers never reach the log";
}

TEST_F(GatewayMilterTest, DiscardModeAnswersDiscardAndKeepsTheMessage) {
  start({{"milter", "on_hold = \"discard\"\nverdict_header = false"}});
  MilterClient mta(milter_port_);
  const auto chosen = mta.negotiate();
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->payload.substr(4, 4), milter_u32(0x100))
      << "no header to add: asks only to choose its macros";
  mta.send_message(kReference, "it.skarholmen@stockholm.se", {kReferenceRcpt});
  const auto reply = mta.read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->command, 'd');
  EXPECT_EQ(held().size(), 1u);
}

TEST_F(GatewayMilterTest, AnOversizedPacketClosesThatConnectionAndServeKeepsServing) {
  start();
  MilterClient bad(milter_port_);
  ASSERT_TRUE(bad.negotiate());
  bad.send_raw(milter_u32(1u << 30) + "B");  // a 1 GiB body chunk announced
  EXPECT_TRUE(bad.closed_by_peer());

  MilterClient malformed(milter_port_);
  ASSERT_TRUE(malformed.negotiate());
  malformed.send('C', "host-without-its-nul");
  EXPECT_TRUE(malformed.closed_by_peer());

  MilterClient before_negotiation(milter_port_);
  before_negotiation.send('M', "<a@b.se>\0"s);
  EXPECT_TRUE(before_negotiation.closed_by_peer());

  MilterClient good(milter_port_);
  ASSERT_TRUE(good.negotiate());
  good.send_message(kClean, "it.skarholmen@stockholm.se", {kCleanRcpt});
  const auto header = good.read();
  ASSERT_TRUE(header);
  EXPECT_EQ(header->command, 'h');
  const std::string log = gateway_->log();
  EXPECT_NE(log.find("exceeds the limit"), std::string::npos) << log;
  EXPECT_NE(log.find("malformed milter 'C' packet"), std::string::npos) << log;
  EXPECT_NE(log.find("before option negotiation"), std::string::npos) << log;
}

TEST_F(GatewayMilterTest, SigtermLetsTheMessageInProgressFinishThenExits) {
  start();
  MilterClient idle(milter_port_);
  ASSERT_TRUE(idle.negotiate());
  MilterClient busy(milter_port_);
  ASSERT_TRUE(busy.negotiate());
  busy.send('C', "client.stockholm.se\0"s + "4" + "\x12\x67"s + "10.1.2.3\0"s);
  busy.send('M', "<it.skarholmen@stockholm.se>\0"s);
  busy.send('R', "<" + kCleanRcpt + ">\0"s);
  // galguard answers nothing before the end of message: give it a moment to read the MAIL, so
  // that the message is in progress when the signal comes.
  std::this_thread::sleep_for(300ms);

  gateway_->signal(SIGTERM);
  EXPECT_TRUE(idle.closed_by_peer()) << "a connection between messages closes at once";
  busy.send('L', "Subject\0 Hej\0"s);
  busy.send('N');
  busy.send('B', "Hej\r\n");
  busy.send('E');
  const auto reply = busy.read();
  ASSERT_TRUE(reply) << "the message in progress is answered";
  EXPECT_EQ(reply->command, 'h');
  EXPECT_TRUE(busy.closed_by_peer());
  const int status = gateway_->kill(0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
TEST_F(GatewayMilterTest, ASilentMtaIsDisconnectedAfterTheTimeoutAndNothingIsTaken) {
  start({{"milter", "timeout = \"500ms\"\n"}});
  MilterClient between(milter_port_);
  ASSERT_TRUE(between.negotiate());
  MilterClient during(milter_port_);
  ASSERT_TRUE(during.negotiate());
  during.send('C', "client.stockholm.se\0"s + "4" + "\x12\x67"s + "10.1.2.3\0"s);
  during.send('M', "<it.skarholmen@stockholm.se>\0"s);
  during.send('R', "<" + kReferenceRcpt + ">\0"s);
  // Both fall silent; each is closed once the timeout has passed since its last packet.
  EXPECT_TRUE(between.closed_by_peer(5s));
  EXPECT_TRUE(during.closed_by_peer(5s));
  // The line is written as the connection closes, so it may come just after the close is seen.
  for (const char* line :
       {"milter timeout after the last packet", "milter timeout after a message began"})
    EXPECT_TRUE(wait_until([&] { return gateway_->log().find(line) != std::string::npos; }, 5s))
        << line << "\n"
        << gateway_->log();
  EXPECT_EQ(held().size(), 0u) << "the MTA still has the message: nothing held, nothing lost";

  // A connection that keeps talking, slower than the timeout in total but never silent for it,
  // stays open: the deadline moves with every packet.
  MilterClient steady(milter_port_);
  ASSERT_TRUE(steady.negotiate());
  steady.send('C', "client.stockholm.se\0"s + "4" + "\x12\x67"s + "10.1.2.3\0"s);
  for (int i = 0; i < 4; ++i) {
    std::this_thread::sleep_for(300ms);
    steady.send('M', "<it.skarholmen@stockholm.se>\0"s);
    steady.send('A');
  }
  steady.send_message(kClean, "it.skarholmen@stockholm.se", {kCleanRcpt});
  const auto header = steady.read();
  ASSERT_TRUE(header) << gateway_->log();
  EXPECT_EQ(header->command, 'h');
}

}  // namespace galguard::testing
