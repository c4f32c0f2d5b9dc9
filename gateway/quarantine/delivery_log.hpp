// Where relayed mail went: recipient address, time and message id, nothing of the content. When
// the auditor finds a bad directory entry, this tells the DPO how many messages already went to
// its addresses (the "exposure" an Art. 33 notification for past mail is judged on).
// Kept beside the quarantine, in whichever backend holds it (delivery_log_sqlite.hpp,
// delivery_log_postgres.hpp; open_store.hpp picks). Time is passed in, as everywhere in the
// store. Implementations are safe to call from several threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::quarantine {

struct Exposure {
  std::int64_t messages = 0;  // distinct message ids
  std::int64_t first = 0;     // unix time of the first and the last, 0 when none
  std::int64_t last = 0;
};

// One relayed message: where it went, when, and its Message-ID.
struct Delivery {
  std::vector<std::string> recipients;
  std::int64_t at = 0;
  std::string message_id;
};

class DeliveryLog {
 public:
  virtual ~DeliveryLog() = default;

  // One row per recipient, all messages in one transaction: a busy gateway writes what arrived
  // while the last commit ran with a single fsync (server/delivery_recorder.hpp). Addresses are
  // compared case-insensitively.
  virtual void record_all(std::span<const Delivery> deliveries) = 0;
  void record(std::span<const std::string> recipients, std::int64_t at,
              std::string_view message_id);
  // The messages that went to any of `addresses` at or after `since`.
  virtual Exposure exposure(std::span<const std::string> addresses, std::int64_t since) = 0;
  // Storage limitation: rows older than `older_than` go. Returns how many.
  virtual std::size_t purge(std::int64_t older_than) = 0;
};

}  // namespace galguard::quarantine
