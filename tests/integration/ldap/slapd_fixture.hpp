// A private OpenLDAP slapd for the LDAP source tests: AD-like schema (ad.schema), a generated
// directory (ad_directory.hpp), an AD-like ACL (users read, anonymous may only bind), paging
// limits like AD's, a self-signed CA and server certificate, and listeners on ldap://, ldaps://
// and ldapi:// in a fresh /tmp/galguard-it-XXXXXX. Header-only; needs root (ldapi:// peer
// credentials map uid 0 to the service account for SASL EXTERNAL).
//
//   galguard::testing::Slapd slapd;  // 5,600 generated objects, over 5,000 of them in the GAL
//   open_ldap_source(slapd.ldap_url(), options, {})->load();
//
// The certificates and the slapadd'ed database are made once per process and size, and copied
// for each instance: slapadd of 100,000 entries takes seconds.
#pragma once

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>

#include "tests/integration/ldap/ad_directory.hpp"
#include "tests/integration/peers.hpp"

namespace galguard::testing {

// Why slapd cannot run here, or "" when it can (for GTEST_SKIP).
inline std::string slapd_unavailable() {
  if (geteuid() != 0) return "the slapd tests need root (ldapi:// peer credentials of uid 0)";
  for (const char* tool : {"/usr/sbin/slapd", "/usr/sbin/slapadd", "/usr/bin/openssl"})
    if (access(tool, X_OK) != 0) return std::string(tool) + " is not installed";
  return "";
}

namespace detail {

inline void run_or_throw(const std::vector<std::string>& argv) {
  const CommandResult r = run_command(argv);
  if (r.exit_code != 0)
    throw std::runtime_error(argv[0] + " failed (exit " + std::to_string(r.exit_code) + "):\n" +
                             r.output);
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A CA, a second CA that signed nothing of ours, a server certificate for 127.0.0.1 and a client
// certificate for the service account.
inline void make_certificates(const std::string& dir) {
  const std::string openssl = "/usr/bin/openssl";
  const auto key_and_request = [&](const std::string& name, const std::string& subject,
                                   bool self_signed) {
    std::vector<std::string> argv = {openssl,  "req",      "-newkey",
                                     "ec",     "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                     "-nodes", "-keyout",  dir + "/" + name + ".key",
                                     "-subj",  subject};
    if (self_signed)
      argv.insert(argv.end(), {"-x509", "-days", "3", "-out", dir + "/" + name + ".pem"});
    else
      argv.insert(argv.end(), {"-out", dir + "/" + name + ".csr"});
    run_or_throw(argv);
  };
  key_and_request("ca", "/CN=galguard test CA", true);
  key_and_request("other-ca", "/CN=some other CA", true);
  key_and_request("server", "/CN=localhost", false);
  // The client certificate's subject is the service account's DN, which is how slapd names a
  // SASL EXTERNAL identity over TLS.
  key_and_request("client", "/DC=se/DC=stockholm/OU=Service Accounts/CN=galguard-svc", false);
  write_text(dir + "/server.cnf", "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  write_text(dir + "/client.cnf", "extendedKeyUsage=clientAuth\n");
  for (const char* name : {"server", "client"})
    run_or_throw({openssl, "x509", "-req", "-in", dir + "/" + name + ".csr", "-CA", dir + "/ca.pem",
                  "-CAkey", dir + "/ca.key", "-CAcreateserial", "-days", "3", "-out",
                  dir + "/" + name + ".pem", "-extfile", dir + "/" + name + ".cnf"});
}

// maxsize: LMDB's map, and the apparent size of data.mdb; room for the directory, not more, so
// copying the database stays cheap.
inline std::string slapd_conf(const std::string& schema_dir, const std::string& certs,
                              const std::string& run, std::size_t maxsize) {
  return "include /etc/ldap/schema/core.schema\n"
         "include /etc/ldap/schema/cosine.schema\n"
         "include /etc/ldap/schema/inetorgperson.schema\n"
         "include " +
         schema_dir +
         "/ad.schema\n"
         "pidfile " +
         run +
         "/slapd.pid\n"
         "argsfile " +
         run +
         "/slapd.args\n"
         "modulepath /usr/lib/ldap\n"
         "moduleload back_mdb\n"
         "TLSCACertificateFile " +
         certs +
         "/ca.pem\n"
         "TLSCertificateFile " +
         certs +
         "/server.pem\n"
         "TLSCertificateKeyFile " +
         certs +
         "/server.key\n"
         "TLSVerifyClient try\n"
         // ldapi:// as root is the service account, as a Kerberos/cert mapping would be in AD.
         "authz-regexp \"^gidnumber=0\\+uidnumber=0,cn=peercred,cn=external,cn=auth$\" "
         "\"cn=galguard-svc,ou=service accounts,dc=stockholm,dc=se\"\n"
         "database mdb\n"
         "maxsize " +
         std::to_string(maxsize) +
         "\n"
         "suffix \"dc=stockholm,dc=se\"\n"
         "rootdn \"cn=admin,dc=stockholm,dc=se\"\n"
         "directory " +
         run +
         "/db\n"
         // Without this a non-admin paged search stops at 500 with sizelimitExceeded.
         "sizelimit size.soft=1000 size.hard=1000 size.prtotal=unlimited\n"
         "access to attrs=userPassword by anonymous auth by * none\n"
         "access to * by users read by anonymous auth by * none\n";
}

inline std::string default_schema_dir() {
  return std::string(GALGUARD_SOURCE_DIR) + "/tests/integration/ldap";
}

// Certificates and a loaded database for one directory size, shared by the instances.
struct SlapdTemplate {
  TempDir dir;
  ad::DirectoryCounts counts;
  std::size_t maxsize = 0;
};

inline const SlapdTemplate& slapd_template(std::size_t generated) {
  static std::map<std::size_t, std::unique_ptr<SlapdTemplate>> made;
  auto& slot = made[generated];
  if (slot) return *slot;
  auto t = std::make_unique<SlapdTemplate>();
  const std::string& dir = t->dir.path();
  make_certificates(dir);
  t->counts = ad::write_directory_ldif(dir + "/directory.ldif", generated);
  std::filesystem::create_directory(dir + "/db");
  t->maxsize = (std::size_t{32} << 20) + generated * 4096;
  write_text(dir + "/slapd.conf", slapd_conf(default_schema_dir(), dir, dir, t->maxsize));
  // -q: no consistency checks beyond the schema; the data is ours.
  run_or_throw(
      {"/usr/sbin/slapadd", "-q", "-f", dir + "/slapd.conf", "-l", dir + "/directory.ldif"});
  slot = std::move(t);
  return *slot;
}

inline std::string percent_encode_path(const std::string& path) {
  std::string out;
  for (char c : path)
    out += c == '/' ? std::string("%2F") : std::string(1, c);
  return out;
}

}  // namespace detail

class Slapd {
 public:
  explicit Slapd(std::size_t generated = 5600)
      : template_(detail::slapd_template(generated)),
        ldap_port_(free_port()),
        ldaps_port_(free_port()) {
    const std::string& run = dir_.path();
    // data.mdb is as big as maxsize but sparse: a plain copy would write all of it.
    detail::run_or_throw(
        {"/bin/cp", "-r", "--sparse=always", template_.dir.path() + "/db", run + "/db"});
    detail::write_text(run + "/slapd.conf",
                       detail::slapd_conf(detail::default_schema_dir(), template_.dir.path(), run,
                                          template_.maxsize));
    start();
  }
  ~Slapd() { stop(); }
  Slapd(const Slapd&) = delete;
  Slapd& operator=(const Slapd&) = delete;

  std::string ldap_url() const { return "ldap://127.0.0.1:" + std::to_string(ldap_port_); }
  std::string ldaps_url() const { return "ldaps://127.0.0.1:" + std::to_string(ldaps_port_); }
  std::string ldapi_url() const {
    return "ldapi://" + detail::percent_encode_path(dir_.path() + "/ldapi");
  }
  std::string ca_file() const { return template_.dir.path() + "/ca.pem"; }
  std::string other_ca_file() const { return template_.dir.path() + "/other-ca.pem"; }
  // Issued by ca_file() to the service account's DN.
  std::string client_certificate() const { return template_.dir.path() + "/client.pem"; }
  std::string client_key() const { return template_.dir.path() + "/client.key"; }
  const ad::DirectoryCounts& counts() const { return template_.counts; }
  const std::string& dir() const { return dir_.path(); }
  // For a failed test's output (the bench has no gtest to ask whether something failed).
  std::string log_tail(std::size_t lines = 30) const {
    return "---- end of " + dir_.path() + "/slapd.log ----\n" +
           detail::tail_lines(detail::read_file(dir_.path() + "/slapd.log"), lines);
  }

  // SIGTERM, and SIGKILL if it has not gone after 10 s. Idempotent.
  void stop() { end(SIGTERM); }
  // As if the server crashed or the network went away mid-operation.
  void kill() { end(SIGKILL); }

 private:
  void start() {
    const std::string& run = dir_.path();
    const std::string urls = ldap_url() + "/ " + ldaps_url() + "/ " + ldapi_url() + "/";
    const std::string log = run + "/slapd.log";
    std::vector<std::string> argv = {"/usr/sbin/slapd",   "-h", urls,   "-f",
                                     run + "/slapd.conf", "-d", "stats"};
    pid_ = spawn(argv, log);
    const bool ready = wait_until(
        [&] {
          return !exited() && accepts_connections(ldap_port_) && accepts_connections(ldaps_port_) &&
                 std::filesystem::exists(run + "/ldapi");
        },
        std::chrono::seconds(15));
    if (!ready) {
      stop();
      throw std::runtime_error("slapd did not start:\n" +
                               detail::tail_lines(detail::read_file(log), 30));
    }
  }

  bool exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return true;
    }
    return false;
  }

  void end(int signal) {
    if (exited()) return;
    ::kill(pid_, signal);
    if (!wait_until([&] { return exited(); }, std::chrono::seconds(10))) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  detail::TempDir dir_;
  const detail::SlapdTemplate& template_;
  std::uint16_t ldap_port_;
  std::uint16_t ldaps_port_;
  pid_t pid_ = -1;
};

}  // namespace galguard::testing
