// A private PostgreSQL for the PostgreSQL quarantine tests: one cluster per test binary
// (initdb in a fresh /tmp/galguard-it-XXXXXX, owned by user postgres because initdb refuses
// root), listening only on 127.0.0.1 on a free port and on a socket in that directory, fsync on
// and synchronous_commit on (durability is part of what is tested), password (SCRAM) logins
// over TCP so the URL's password is exercised. Each test gets its own fresh database. The
// cluster stops (pg_ctl stop -m fast) and its directory goes when the process exits.
// Header-only; needs root and Debian's postgresql package.
//
//   if (const std::string why = postgres_unavailable(); !why.empty()) GTEST_SKIP() << why;
//   const std::string url = PostgresCluster::shared().create_database();  // postgresql://...
#pragma once

#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "tests/integration/peers.hpp"

namespace galguard::testing {

namespace postgres_detail {

// /usr/lib/postgresql/<version>/bin, the newest installed; "" when none.
inline std::string bin_dir() {
  std::string best;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string bin = entry.path().string() + "/bin";
    if (access((bin + "/initdb").c_str(), X_OK) == 0 &&
        access((bin + "/pg_ctl").c_str(), X_OK) == 0 && (best.empty() || bin > best))
      best = bin;
  }
  return best;
}

inline void run_or_throw(const std::vector<std::string>& argv) {
  const CommandResult r = run_command(argv);
  if (r.exit_code != 0)
    throw std::runtime_error(argv[0] + " " + (argv.size() > 3 ? argv[3] : "") + " failed (exit " +
                             std::to_string(r.exit_code) + "):\n" + r.output);
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline void chown_to_postgres(const std::string& path) {
  const passwd* pw = getpwnam("postgres");
  if (pw == nullptr || chown(path.c_str(), pw->pw_uid, pw->pw_gid) != 0)
    throw std::runtime_error("cannot give " + path + " to user postgres");
}

}  // namespace postgres_detail

// Why the cluster cannot run here, or "" when it can (for GTEST_SKIP).
inline std::string postgres_unavailable() {
  if (geteuid() != 0)
    return "the PostgreSQL tests need root (initdb and postgres run as user postgres)";
  if (postgres_detail::bin_dir().empty())
    return "no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)";
  if (getpwnam("postgres") == nullptr)
    return "there is no user postgres (apt-get install postgresql)";
  if (access("/usr/sbin/runuser", X_OK) != 0) return "/usr/sbin/runuser is not installed";
  return "";
}

class PostgresCluster {
 public:
  static constexpr const char* kRole = "galguard";
  static constexpr const char* kPassword = "pg-test-secret";

  // Started on first use, stopped at exit.
  static PostgresCluster& shared() {
    static std::mutex mutex;
    static std::unique_ptr<PostgresCluster> cluster;
    std::lock_guard lock(mutex);
    if (!cluster) cluster.reset(new PostgresCluster());
    return *cluster;
  }

  ~PostgresCluster() { stop(); }
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  std::uint16_t port() const { return port_; }
  const std::string& dir() const { return dir_.path(); }

  // postgresql://galguard:PASSWORD@127.0.0.1:PORT/NAME
  std::string url(const std::string& database) const {
    return std::string("postgresql://") + kRole + ":" + kPassword +
           "@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }

  // A fresh, empty database owned by the test role; its URL.
  std::string create_database() {
    const std::string name = "t_" + std::to_string(++databases_);
    admin("postgres", "CREATE DATABASE " + name + " OWNER " + kRole);
    return url(name);
  }

  // Runs SQL as the superuser (the admin or attacker behind the store's back); throws on error.
  void admin(const std::string& database, const std::string& sql) const {
    const std::string conninfo = "host=" + dir_.path() + "/run port=" + std::to_string(port_) +
                                 " user=postgres dbname=" + database;
    PGconn* conn = PQconnectdb(conninfo.c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
      error = PQerrorMessage(conn);
    } else {
      PGresult* r = PQexec(conn, sql.c_str());
      const ExecStatusType status = PQresultStatus(r);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
      PQclear(r);
    }
    PQfinish(conn);
    if (!error.empty()) throw std::runtime_error("postgres admin: " + sql + ": " + error);
  }

  // The server goes away and comes back (as a PostgreSQL restart or failover does): every
  // client connection is cut.
  void restart() { pg_ctl({"restart", "-m", "fast"}); }

  std::string log_tail(std::size_t lines = 30) const {
    return detail::tail_lines(detail::read_file(dir_.path() + "/run/postgres.log"), lines);
  }

 private:
  PostgresCluster() : bin_(postgres_detail::bin_dir()), port_(free_port()) {
    const std::string run = dir_.path() + "/run";
    std::filesystem::create_directory(run);
    postgres_detail::chown_to_postgres(run);
    postgres_detail::write_text(run + "/pwfile", "postgres-test-secret\n");
    postgres_detail::chown_to_postgres(run + "/pwfile");
    // Fast to make (--no-sync only skips initdb's own final flush); the server runs with fsync.
    as_postgres({bin_ + "/initdb", "-D", run + "/data", "-U", "postgres", "--pwfile",
                 run + "/pwfile", "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust",
                 "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"});
    pg_ctl({"start"});
    running_ = true;
    admin("postgres", std::string("CREATE ROLE ") + kRole + " LOGIN PASSWORD '" + kPassword + "'");
  }

  void as_postgres(std::vector<std::string> argv) const {
    argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
    postgres_detail::run_or_throw(argv);
  }

  void pg_ctl(const std::vector<std::string>& action) const {
    const std::string run = dir_.path() + "/run";
    std::vector<std::string> argv = {bin_ + "/pg_ctl"};
    argv.insert(argv.end(), action.begin(), action.end());
    const std::string options = "-c listen_addresses=127.0.0.1 -c port=" + std::to_string(port_) +
                                " -c unix_socket_directories=" + run +
                                " -c fsync=on -c synchronous_commit=on -c max_connections=200";
    argv.insert(argv.end(), {"-w", "-t", "60", "-D", run + "/data", "-l", run + "/postgres.log",
                             "-o", options});
    if (action.front() == "stop") argv.resize(argv.size() - 4);  // no -l / -o for stop
    try {
      as_postgres(argv);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(std::string(e.what()) + "\n---- postgres.log ----\n" + log_tail());
    }
  }

  void stop() {
    if (!running_) return;
    running_ = false;
    try {
      pg_ctl({"stop", "-m", "fast"});
    } catch (const std::exception& e) {
      std::cerr << "postgres stop: " << e.what() << "\n";
    }
  }

  detail::TempDir dir_;
  std::string bin_;
  std::uint16_t port_;
  bool running_ = false;
  std::atomic<int> databases_{0};
};

}  // namespace galguard::testing
