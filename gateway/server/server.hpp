// `galguard serve`: the listeners, the rulebook and its reloading, the quarantine, the relay,
// the signals (SIGTERM/SIGINT drain, SIGHUP reload) and the retention purge, on one I/O thread
// plus a small pool for blocking work. DESIGN.md §4, §8.
#pragma once

#include "gateway/config/config.hpp"

namespace galguard::server {

// Runs until SIGTERM/SIGINT and the drain are done. Returns the process exit code. Throws
// for what stops it from starting (a port in use, an unusable store or TLS key).
int serve(const config::Config& config);

}  // namespace galguard::server
