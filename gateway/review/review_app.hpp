// The DPO's web UI as one function from an HTTP request to a response: login, the queue, a
// message, decisions, incidents, audit findings and the action log (DESIGN.md §6). No sockets
// here (review_server.hpp serves it), so every page and every refusal is unit-testable.
//
// Routes (all HTML pages server-rendered; every POST carries the session's CSRF token):
//   GET  /login, POST /login, POST /logout
//   GET  /            → 303 /queue
//   GET
//   /queue?state=held|released|deleted|expired|all&code=C&sender=S&from=YYYY-MM-DD&to=YYYY-MM-DD
//   GET  /messages/ID              envelope, headers, findings, personal-data summary, log
//   POST /messages/ID/body         the same page with the body as escaped text (logs viewed-body)
//   POST /messages/ID/release | /delete | /incident | /not-incident     (field: reason)
//   GET  /incidents, GET /incidents/ID, POST /incidents/ID (edit), GET
//   /incidents/ID/export?format=json|text GET  /audit, POST /audit/incident (field: finding = index
//   in the latest report) GET  /log GET  /style.css
//   GET  /metrics      Prometheus text, only to [review] metrics_from peers (no login)
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "gateway/config/config.hpp"
#include "gateway/metrics/gateway_metrics.hpp"
#include "gateway/quarantine/store.hpp"

namespace galguard::review {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
using Clock = std::function<std::int64_t()>;

class ReviewApp {
 public:
  // The store (and the metrics, when given) must outlive the app. `now` is the clock for
  // sessions, lock-out and deadlines. Without metrics there is no /metrics (404).
  ReviewApp(const config::Config& config, quarantine::QuarantineStore& store, Clock now,
            metrics::GatewayMetrics* metrics = nullptr);
  ~ReviewApp();

  // peer: the TCP peer's address ("127.0.0.1"); only a configured trusted proxy's user header
  // counts. Never throws: errors become 4xx/5xx pages (500 logs nothing of the message).
  Response handle(const Request& request, const std::string& peer);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace galguard::review
