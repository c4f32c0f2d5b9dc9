// What happens to one complete message that arrived over the milter protocol: the same judgement
// as the SMTP gate (gate.hpp), answered as a milter decision instead of an SMTP relay:
//   rulebook missing → 451 4.7.1 (fail closed) or accept unchecked with a warning (fail_open)
//   pass             → accept, with an X-Galguard-Verdict header when configured
//   quarantine       → durable hold first, then 550 5.7.1 with the reason, or discard
//   reject           → 550 5.7.1 with the reasons, nothing stored
//   store failure    → 451 4.3.0: nothing was taken, the MTA keeps the message
// One MessageRecord log line per message (relay=milter), never content.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <string>
#include "gateway/net/awaitable.hpp"

#include "gateway/config/config.hpp"
#include "gateway/metrics/gateway_metrics.hpp"
#include "gateway/milter/session.hpp"
#include "gateway/quarantine/store.hpp"
#include "gateway/server/delivery_recorder.hpp"
#include "gateway/server/directory_state.hpp"
#include "gateway/server/judgement.hpp"
#include "gateway/server/log.hpp"

namespace galguard::server {

struct MilterGateSettings {
  config::MilterSettings milter;
  bool fail_open = false;
  std::string hostname;                           // named in the verdict header
  const extract::Sandbox* attachments = nullptr;  // the attachment reader; none: not read
};

class MilterGate {
 public:
  MilterGate(MilterGateSettings settings, DirectoryState& directory,
             quarantine::QuarantineStore& store, DeliveryRecorder& deliveries, Log& log,
             boost::asio::thread_pool& blocking, metrics::GatewayMetrics& metrics);

  // `raw` is the message rebuilt by the session (milter::Session::bytes()).
  boost::asio::awaitable<milter::Decision> on_message(const milter::Client& client,
                                                      const milter::Message& message,
                                                      std::string raw);

 private:
  MilterGateSettings settings_;
  DirectoryState& directory_;
  quarantine::QuarantineStore& store_;
  DeliveryRecorder& deliveries_;
  Log& log_;
  boost::asio::thread_pool& blocking_;
  metrics::GatewayMetrics& metrics_;
};

// The sender-facing refusal (refusal() in judgement.hpp) as one milter reply line: its lines
// joined, non-ASCII letters spelled in ASCII, within the 512-octet SMTP line.
milter::Decision refusal_decision(const Judgement& judgement, std::string_view held_id);

}  // namespace galguard::server
