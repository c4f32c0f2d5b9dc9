// The audit serve runs on a schedule ([audit] interval): the directory in use, judged with the
// policy in use, compared with the newest report kept, written beside it. The reports directory
// is then the history a DPO reads drift from, without anyone having to run `galguard audit`.
#pragma once

#include <string>

#include "gateway/metrics/gateway_metrics.hpp"
#include "gateway/server/rulebook.hpp"

namespace galguard::server {

// Writes `dir`/audit-YYYYMMDDTHHMMSSZ.json (JSON as `audit --json` prints it, so
// `audit --previous` reads it) and returns the line to log: findings, how many are new and how
// many were resolved since the last report, and the file. Throws on I/O errors. With metrics,
// the findings by severity go to /metrics too.
std::string run_scheduled_audit(const Rulebook& rulebook, const std::string& dir,
                                metrics::GatewayMetrics* metrics = nullptr);

}  // namespace galguard::server
