#include "gateway/server/server.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <unistd.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include "gateway/metrics/gateway_metrics.hpp"
#include "gateway/net/listen.hpp"
#include "gateway/quarantine/open_store.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "gateway/relay/client.hpp"
#include "gateway/server/connection.hpp"
#include "gateway/server/directory_state.hpp"
#include "gateway/server/gate.hpp"
#include "gateway/server/log.hpp"
#include "gateway/server/milter_connection.hpp"
#include "gateway/server/offload.hpp"
#include "gateway/server/review_listener.hpp"
#include "gateway/server/scheduled_audit.hpp"

namespace galguard::server {
namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::chrono::hours kPurgeEvery{1};

void make_parent(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
}

std::string machine_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

class Server {
 public:
  explicit Server(const config::Config& config)
      : config_(config),
        log_(config.log_file, config.log_json),
        blocking_(2),
        store_(open_store(config.database)),
        deliveries_(quarantine::open_delivery_log(config.database)),
        recorder_(deliveries_.get(), log_, blocking_),
        directory_({config.directory_sources,
                    config.policy_file,
                    config.saved_snapshot,
                    {config.ldap, config.graph, {}}},
                   log_),
        relay_(io_.get_executor(), config.relay),
        attachments_(attachment_reader(config)),
        gate_({config.mode, config.fail_open, attachments_ ? &*attachments_ : nullptr}, directory_,
              *store_, recorder_, relay_, log_, blocking_, metrics_),
        milter_gate_({config.milter, config.fail_open,
                      config.hostname.empty() ? machine_name() : config.hostname,
                      attachments_ ? &*attachments_ : nullptr},
                     directory_, *store_, recorder_, log_, blocking_, metrics_),
        signals_(io_, SIGTERM, SIGINT, SIGHUP),
        reload_timer_(io_),
        refresh_timer_(io_),
        audit_timer_(io_),
        purge_timer_(io_),
        grace_timer_(io_) {
    settings_.smtp.hostname = config.hostname.empty() ? machine_name() : config.hostname;
    settings_.smtp.limits = config.limits;
    settings_.smtp.starttls = config.tls.has_value();
    settings_.smtp.spool = {config.spool_directory, config.spool_memory_limit};
    settings_.timeouts = config.timeouts;
    milter_settings_.session.max_message_size = config.limits.max_message_size;
    milter_settings_.session.add_headers = config.milter.verdict_header;
    milter_settings_.timeout = config.milter.timeout;
    if (config.tls) {
      tls_.emplace(asio::ssl::context::tls_server);
      tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1);
      tls_->use_certificate_chain_file(config.tls->certificate);
      tls_->use_private_key_file(config.tls->key, asio::ssl::context::pem);
    }
    std::filesystem::create_directories(config.spool_directory);
    // Read when scraped (on the review listener's thread): current() is safe from any thread.
    metrics_.on_scrape([this](metrics::GatewayMetrics& m) {
      if (const auto rulebook = directory_.current())
        m.directory(rulebook->directory->size(), rulebook->loaded_at);
      else
        m.no_directory();
    });
  }

  int run() {
    for (const std::string& warning : config::warnings(config_))
      log_.warning(warning);
    directory_.load();
    // Listen only now: a client (or a test, or systemd) that can connect finds the gateway ready.
    // The review UI binds first, so a taken review port stops serve before it takes mail.
    if (config_.review.enabled)
      review_ = std::make_unique<ReviewListener>(config_, log_, &metrics_);
    for (const auto& endpoint : config_.listen)
      acceptors_.push_back(net::listen_on(io_, endpoint));
    for (const auto& endpoint : config_.milter.listen)
      milter_acceptors_.push_back(net::listen_on(io_, endpoint));
    if (!directory_.current())
      log_.warning(config_.fail_open
                       ? "no directory: relaying unchecked (fail_open) until one loads"
                       : "no directory: answering 451 4.7.1 (fail closed) until one loads");
    const std::string_view mode =
        config_.mode == config::Mode::after_queue ? "after-queue" : "before-queue";
    std::vector<std::string> listening;
    for (const auto& endpoint : config_.listen)
      listening.push_back(
          fmt::format("{} ({}, relay {})", endpoint.text(), mode, config_.relay.next_hop.text()));
    for (const auto& endpoint : config_.milter.listen)
      listening.push_back(fmt::format(
          "milter {} (held mail {})", endpoint.text(),
          config_.milter.on_hold == config::MilterSettings::OnHold::discard ? "discarded"
                                                                            : "refused"));
    log_.info(fmt::format("listening on {}, quarantine {}", fmt::join(listening, ", "),
                          quarantine::display_database(config_.database)));
    if (review_) review_->start();
    for (auto& acceptor : acceptors_)
      asio::co_spawn(io_,
                     accept_loop(acceptor, connections_, "accept",
                                 [this](tcp::socket socket) {
                                   return std::make_shared<Connection>(std::move(socket), settings_,
                                                                       tls_ ? &*tls_ : nullptr,
                                                                       gate_, log_);
                                 }),
                     asio::detached);
    for (auto& acceptor : milter_acceptors_)
      // The MTA's milter connections: one per SMTP session it filters.
      asio::co_spawn(io_,
                     accept_loop(acceptor, milter_connections_, "milter accept",
                                 [this](tcp::socket socket) {
                                   return std::make_shared<MilterConnection>(
                                       std::move(socket), milter_settings_, milter_gate_, log_);
                                 }),
                     asio::detached);
    asio::co_spawn(io_, signal_loop(), asio::detached);
    asio::co_spawn(io_, reload_loop(), asio::detached);
    asio::co_spawn(io_, refresh_loop(), asio::detached);
    asio::co_spawn(io_, audit_loop(), asio::detached);
    asio::co_spawn(io_, purge_loop(), asio::detached);
    io_.run();
    review_.reset();
    blocking_.join();
    log_.info("stopped");
    return 0;
  }

 private:
  static std::unique_ptr<quarantine::QuarantineStore> open_store(const std::string& path) {
    if (!quarantine::is_database_url(path)) make_parent(path);
    return quarantine::open_quarantine(path);
  }

  // Accepts until the drain. Each connection stays in `live` while it runs, so SIGTERM reaches
  // it and the last one to end finishes the drain. `what` names the listener in a warning.
  template <typename Session, typename Make>
  asio::awaitable<void> accept_loop(tcp::acceptor& acceptor,
                                    std::set<std::shared_ptr<Session>>& live, const char* what,
                                    Make make) {
    for (;;) {
      error_code error;
      tcp::socket socket =
          co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, error));
      if (draining_) co_return;
      if (error) {
        if (error == asio::error::operation_aborted) co_return;
        // EMFILE and friends: say so and go on; the MTA retries the connection.
        log_.warning(fmt::format("{}: {}", what, error.message()));
        continue;
      }
      std::shared_ptr<Session> connection = make(std::move(socket));
      live.insert(connection);
      asio::co_spawn(io_, connection->run(), [this, &live, connection](std::exception_ptr) {
        live.erase(connection);
        if (draining_ && no_sessions()) finish();
      });
    }
  }

  bool no_sessions() const { return connections_.empty() && milter_connections_.empty(); }

  asio::awaitable<void> signal_loop() {
    for (;;) {
      error_code error;
      const int signal =
          co_await signals_.async_wait(asio::redirect_error(asio::use_awaitable, error));
      if (error) co_return;
      if (signal == SIGHUP) {
        log_.info("SIGHUP: reloading the directory and policy");
        co_await reload();
        continue;
      }
      drain();
      co_return;
    }
  }

  asio::awaitable<void> reload() {
    if (reloading_) co_return;
    reloading_ = true;
    try {
      co_await offload(blocking_, [this] { return directory_.load(); });
    } catch (const std::exception& e) {
      log_.error(fmt::format("reload: {}", e.what()));
    }
    reloading_ = false;
  }

  asio::awaitable<void> reload_loop() {
    if (config_.reload_interval.count() == 0) co_return;
    for (;;) {
      reload_timer_.expires_after(config_.reload_interval);
      error_code error;
      co_await reload_timer_.async_wait(asio::redirect_error(asio::use_awaitable, error));
      if (error || draining_) co_return;
      if (directory_.changed_on_disk()) {
        log_.info("directory or policy file changed: reloading");
        co_await reload();
      }
    }
  }

  // Servers (LDAP, Graph) have no modification time to watch: they are read on an interval.
  asio::awaitable<void> refresh_loop() {
    if (config_.refresh_interval.count() == 0 || !directory_.has_server_sources()) co_return;
    for (;;) {
      refresh_timer_.expires_after(config_.refresh_interval);
      error_code error;
      co_await refresh_timer_.async_wait(asio::redirect_error(asio::use_awaitable, error));
      if (error || draining_) co_return;
      log_.info("refreshing the directory from its servers");
      co_await reload();
    }
  }

  asio::awaitable<void> audit_loop() {
    if (config_.audit_interval.count() == 0) co_return;
    for (;;) {
      audit_timer_.expires_after(config_.audit_interval);
      error_code error;
      co_await audit_timer_.async_wait(asio::redirect_error(asio::use_awaitable, error));
      if (error || draining_) co_return;
      const auto rulebook = directory_.current();
      if (!rulebook) {
        log_.warning("scheduled audit skipped: no directory loaded");
        continue;
      }
      try {
        const std::string summary = co_await offload(blocking_, [&] {
          return run_scheduled_audit(*rulebook, config_.audit_reports, &metrics_);
        });
        log_.info(summary);
      } catch (const std::exception& e) {
        log_.error(fmt::format("scheduled audit: {}", e.what()));
      }
    }
  }

  // Storage limitation (GDPR Art. 5(1)(e)): held messages older than the retention expire, and
  // so do delivery log rows.
  asio::awaitable<void> purge_loop() {
    const std::int64_t retention = std::int64_t{config_.retention_days} * 86400;
    const std::int64_t delivery_retention = std::int64_t{config_.delivery_log_days} * 86400;
    for (;;) {
      try {
        const std::size_t expired = co_await offload(blocking_, [this, retention] {
          const std::int64_t now = quarantine::unix_now();
          return store_->purge(now - retention, now);
        });
        if (expired > 0)
          log_.info(fmt::format("retention: {} held messages older than {} days expired", expired,
                                config_.retention_days));
        co_await offload(blocking_, [this, delivery_retention] {
          return deliveries_->purge(quarantine::unix_now() - delivery_retention);
        });
      } catch (const std::exception& e) {
        log_.error(fmt::format("retention purge: {}", e.what()));
      }
      purge_timer_.expires_after(kPurgeEvery);
      error_code error;
      co_await purge_timer_.async_wait(asio::redirect_error(asio::use_awaitable, error));
      if (error || draining_) co_return;
    }
  }

  void drain() {
    draining_ = true;
    log_.info(fmt::format("shutting down: {} sessions to drain",
                          connections_.size() + milter_connections_.size()));
    error_code ignored;
    for (auto& acceptor : acceptors_)
      acceptor.close(ignored);
    for (auto& acceptor : milter_acceptors_)
      acceptor.close(ignored);
    reload_timer_.cancel();
    refresh_timer_.cancel();
    audit_timer_.cancel();
    purge_timer_.cancel();
    for (const auto& connection : connections_)
      connection->drain();
    for (const auto& connection : milter_connections_)
      connection->drain();
    if (no_sessions()) {
      finish();
      return;
    }
    grace_timer_.expires_after(config_.timeouts.shutdown_grace);
    grace_timer_.async_wait([this](error_code error) {
      if (error) return;
      log_.warning(fmt::format("shutdown grace over: cutting {} sessions",
                               connections_.size() + milter_connections_.size()));
      for (const auto& connection : connections_)
        connection->abort();
      for (const auto& connection : milter_connections_)
        connection->abort();
    });
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    grace_timer_.cancel();
    signals_.cancel();
    asio::co_spawn(io_, relay_.close_idle(), [this](std::exception_ptr) { io_.stop(); });
  }

  const config::Config& config_;
  Log log_;
  // Before everything that records into it; the review listener reads it until it stops.
  metrics::GatewayMetrics metrics_;
  asio::io_context io_{1};
  asio::thread_pool blocking_;
  std::unique_ptr<quarantine::QuarantineStore> store_;
  std::unique_ptr<quarantine::DeliveryLog> deliveries_;
  DeliveryRecorder recorder_;
  DirectoryState directory_;
  relay::Client relay_;
  // The attachment reader: this binary's `extract --worker`, in a child per message.
  std::optional<extract::Sandbox> attachments_;
  Gate gate_;
  MilterGate milter_gate_;
  ConnectionSettings settings_;
  MilterConnectionSettings milter_settings_;
  std::optional<asio::ssl::context> tls_;
  std::vector<tcp::acceptor> acceptors_;
  std::set<std::shared_ptr<Connection>> connections_;
  std::vector<tcp::acceptor> milter_acceptors_;
  std::set<std::shared_ptr<MilterConnection>> milter_connections_;
  std::unique_ptr<ReviewListener> review_;
  asio::signal_set signals_;
  asio::steady_timer reload_timer_;
  asio::steady_timer refresh_timer_;
  asio::steady_timer audit_timer_;
  asio::steady_timer purge_timer_;
  asio::steady_timer grace_timer_;
  bool draining_ = false;
  bool reloading_ = false;
  bool finished_ = false;
};

}  // namespace

int serve(const config::Config& config) {
  Server server(config);
  return server.run();
}

}  // namespace galguard::server
