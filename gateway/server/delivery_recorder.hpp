// Relayed (or milter-accepted) mail into the delivery log, off the reply path and in batches:
// whatever arrives while one commit runs goes into the next commit, so a busy gateway pays one
// fsync per batch rather than one per message, and the sender never waits for it. The message
// is already the next hop's: a failed write is logged, the reply stands. Used by both gates.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <mutex>
#include <string>
#include <vector>

#include "gateway/quarantine/delivery_log.hpp"
#include "gateway/server/log.hpp"

namespace galguard::server {

class DeliveryRecorder {
 public:
  // `deliveries` may be null (tests): nothing is recorded then. The pool must be joined before
  // the recorder goes: a batch in flight is written by it.
  DeliveryRecorder(quarantine::DeliveryLog* deliveries, Log& log, boost::asio::thread_pool& pool);

  // `log_id` names the message in an error line (our id, not the Message-ID).
  void record(quarantine::Delivery delivery, std::string log_id);

 private:
  void write_batches();

  quarantine::DeliveryLog* deliveries_;
  Log& log_;
  boost::asio::thread_pool& pool_;
  std::mutex mutex_;
  std::vector<quarantine::Delivery> pending_;
  std::vector<std::string> pending_ids_;
  bool writing_ = false;
};

}  // namespace galguard::server
