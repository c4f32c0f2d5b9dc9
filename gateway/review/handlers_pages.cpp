#include <algorithm>
#include <charconv>

#include "gateway/incidents/prefill.hpp"
#include "gateway/review/review_call.hpp"

namespace galguard::review {
namespace {

// The log page shows this many rows; the chain is verified over all of them.
constexpr std::size_t kLogRows = 1000;

}  // namespace

Response get_queue(AppState& app, Call& call) {
  QueueQuery query;
  if (call.query.has("state")) query.state = call.query.get("state");
  query.code = call.query.get("code");
  query.sender = call.query.get("sender");
  query.from = call.query.get("from");
  query.to = call.query.get("to");
  const QueueFilter filter = queue_filter(query);
  if (!filter.problem.empty()) return error_response(call, 400, filter.problem);
  return html_response(
      200, queue_page(app.store, query, filter.filter, *call.viewer, call.flash(), call.now));
}

Response get_audit(AppState& app, Call& call) {
  std::optional<AuditView> report;
  std::string problem;
  try {
    report = newest_audit(app.config.audit_reports);
  } catch (const std::exception& e) {
    problem = std::string("The newest audit report cannot be read: ") + e.what();
  }
  return html_response(200, audit_page(report, problem, *call.viewer, call.flash()));
}

Response post_audit_incident(AppState& app, Call& call) {
  std::optional<AuditView> report;
  try {
    report = newest_audit(app.config.audit_reports);
  } catch (const std::exception& e) {
    return error_response(call, 409, e.what(), "/audit");
  }
  // The index means something only in the report the page showed.
  if (!report || report->file != call.form.get("report"))
    return error_response(call, 409,
                          "A newer audit report arrived since the page was shown. Look at the "
                          "findings again.",
                          "/audit");
  const std::string text = call.form.get("finding");
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
      index >= report->findings.size())
    return error_response(call, 400, "No such finding in the report.", "/audit");
  quarantine::Incident incident = incidents::incident_from_finding(
      report->findings[index].json, app.config.organisation, call.now);
  const std::string id =
      app.store.create_incident(std::move(incident), call.viewer->name, call.now);
  return redirect("/incidents/" + percent_encode(id) + "?done=incident");
}

Response get_log(AppState& app, Call& call) {
  auto rows = app.store.action_log(std::nullopt);
  const std::size_t total = rows.size();
  std::reverse(rows.begin(), rows.end());
  if (rows.size() > kLogRows) rows.resize(kLogRows);
  return html_response(200, log_page(rows, total, app.store.verify_chain(), *call.viewer));
}

}  // namespace galguard::review
