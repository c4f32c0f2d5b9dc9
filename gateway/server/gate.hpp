// What happens to one complete message (DESIGN.md §4, acknowledgement discipline):
//   rulebook missing → 451 4.7.1 (fail closed) or relay unchecked with a warning (fail_open)
//   pass             → relay; the next hop's own reply is ours (250 only after its 250)
//   quarantine       → durable hold, then 250 (after-queue) or 550 5.7.1 (before-queue)
//   reject           → 550 5.7.1 with the reasons
// One decision per message: if any recipient is suspicious the whole message is held.
// Relayed mail goes into the delivery log (addresses, time, message id) for exposure reports.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <string>
#include <string_view>
#include "gateway/net/awaitable.hpp"

#include "extract/sandbox.hpp"
#include "gateway/config/config.hpp"
#include "gateway/metrics/gateway_metrics.hpp"
#include "gateway/quarantine/store.hpp"
#include "gateway/relay/client.hpp"
#include "gateway/server/delivery_recorder.hpp"
#include "gateway/server/directory_state.hpp"
#include "gateway/server/log.hpp"
#include "gateway/smtp/reply.hpp"
#include "gateway/smtp/session.hpp"

namespace galguard::server {

// The TCP peer of the session (Postfix's smtp client in content-filter mode).
struct Peer {
  std::string addr;
  std::string name;
};

struct GateSettings {
  config::Mode mode = config::Mode::after_queue;
  bool fail_open = false;
  const extract::Sandbox* attachments = nullptr;  // the attachment reader; none: not read
};

class Gate {
 public:
  Gate(GateSettings settings, DirectoryState& directory, quarantine::QuarantineStore& store,
       DeliveryRecorder& deliveries, relay::Client& relay, Log& log,
       boost::asio::thread_pool& blocking, metrics::GatewayMetrics& metrics);

  boost::asio::awaitable<smtp::Reply> on_message(const smtp::Envelope& envelope,
                                                 std::string_view message, const Peer& peer);

 private:
  GateSettings settings_;
  DirectoryState& directory_;
  quarantine::QuarantineStore& store_;
  DeliveryRecorder& deliveries_;
  relay::Client& relay_;
  Log& log_;
  boost::asio::thread_pool& blocking_;
  metrics::GatewayMetrics& metrics_;
};

}  // namespace galguard::server
