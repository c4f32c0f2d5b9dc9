// One MTA connection speaking the milter protocol: bytes → PacketReader → milter::Session →
// replies, with a deadline on every read and write, and the MilterGate at each end of message.
// A broken stream, a packet over the limit or a malformed command is logged (never its content)
// and the connection closed: the MTA then applies its milter_default_action (tempfail).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>
#include "gateway/net/awaitable.hpp"

#include "gateway/milter/packet.hpp"
#include "gateway/milter/session.hpp"
#include "gateway/server/log.hpp"
#include "gateway/server/milter_gate.hpp"

namespace galguard::server {

struct MilterConnectionSettings {
  milter::SessionOptions session;
  std::chrono::milliseconds timeout{360'000};  // between packets, and for each write
};

class MilterConnection : public std::enable_shared_from_this<MilterConnection> {
 public:
  MilterConnection(boost::asio::ip::tcp::socket socket, const MilterConnectionSettings& settings,
                   MilterGate& gate, Log& log);

  boost::asio::awaitable<void> run();
  // SIGTERM: a connection between messages closes now; one inside a message finishes it first.
  void drain();
  // The grace period is over: cut the connection.
  void abort();

 private:
  boost::asio::awaitable<void> serve();
  boost::asio::awaitable<void> watch();
  boost::asio::awaitable<bool> read_more();
  boost::asio::awaitable<void> flush();
  bool idle() const;
  std::string peer() const;

  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer watchdog_;
  // Reads and writes move the deadline; watch() compares when its timer fires.
  std::chrono::steady_clock::time_point deadline_;
  const MilterConnectionSettings& settings_;
  MilterGate& gate_;
  Log& log_;
  std::string peer_addr_;
  milter::Session session_;
  milter::PacketReader reader_;
  std::string out_;
  bool draining_ = false;
  bool timed_out_ = false;
  bool deciding_ = false;
};

}  // namespace galguard::server
