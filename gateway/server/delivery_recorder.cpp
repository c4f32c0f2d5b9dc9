#include "gateway/server/delivery_recorder.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <boost/asio/post.hpp>

namespace galguard::server {

DeliveryRecorder::DeliveryRecorder(quarantine::DeliveryLog* deliveries, Log& log,
                                   boost::asio::thread_pool& pool)
    : deliveries_(deliveries), log_(log), pool_(pool) {}

void DeliveryRecorder::record(quarantine::Delivery delivery, std::string log_id) {
  if (deliveries_ == nullptr) return;
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(delivery));
  pending_ids_.push_back(std::move(log_id));
  if (writing_) return;  // the writer takes it with the next batch
  writing_ = true;
  boost::asio::post(pool_, [this] { write_batches(); });
}

void DeliveryRecorder::write_batches() {
  for (;;) {
    std::vector<quarantine::Delivery> batch;
    std::vector<std::string> ids;
    {
      std::lock_guard lock(mutex_);
      if (pending_.empty()) {
        writing_ = false;
        return;
      }
      batch.swap(pending_);
      ids.swap(pending_ids_);
    }
    try {
      deliveries_->record_all(batch);
    } catch (const std::exception& e) {
      for (const std::string& id : ids)
        log_.error(fmt::format("{}: delivery log: {}", id, e.what()));
    }
  }
}

}  // namespace galguard::server
