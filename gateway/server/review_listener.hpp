// Serves the DPO's web UI (gateway/review/review_app.hpp) over HTTP/1.1 on [review] listen,
// on a thread of its own: a slow release through the relay, or a page over a large queue,
// never delays an SMTP reply. The UI opens its own connection to the quarantine database.
#pragma once

#include <memory>

#include "gateway/config/config.hpp"
#include "gateway/metrics/gateway_metrics.hpp"
#include "gateway/server/log.hpp"

namespace galguard::server {

class ReviewListener {
 public:
  // Opens the store and binds every [review] listen endpoint; throws std::runtime_error
  // ("cannot listen on 127.0.0.1:8025: Address already in use") or rules::InputError.
  // With metrics, /metrics serves them (to [review] metrics_from); they must outlive this.
  ReviewListener(const config::Config& config, Log& log,
                 metrics::GatewayMetrics* metrics = nullptr);
  // Stops: closes the listeners and connections and joins the thread.
  ~ReviewListener();
  ReviewListener(const ReviewListener&) = delete;
  ReviewListener& operator=(const ReviewListener&) = delete;

  void start();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace galguard::server
