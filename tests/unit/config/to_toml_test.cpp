// to_toml prints every effective value as a config parse_config reads back to the same values;
// samples/galguard.toml documents every key at its default.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "gateway/config/config.hpp"
#include "tests/unit/config/config_values.hpp"

namespace galguard::config {
namespace {

using namespace std::chrono_literals;

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(GALGUARD_SOURCE_DIR) + "/samples/" + name);
  EXPECT_TRUE(in) << "cannot open samples/" << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every setting different from its default, so a value to_toml forgets cannot pass.
Config everything_changed() {
  Config c = default_config();
  c.directory_sources = {"/srv/gal one.ldif", "users.json", "r\u00e4tt \"quoted\".csv"};
  c.policy_file = "C:\\galguard\\policy.toml";
  c.reload_interval = 0ms;
  c.saved_snapshot = "/var/lib/galguard/snap\r\n\tshot\x01\x7f";  // escapes
  c.fail_open = true;
  c.listen = {{"0.0.0.0", 25}, {"::1", 10025}};
  c.mode = Mode::before_queue;
  c.hostname = "mx1.example.org";
  c.limits.max_line = 1001;
  c.limits.max_recipients = 100;
  c.limits.max_message_size = 10ull << 20;
  c.timeouts.command = 1500ms;
  c.timeouts.data_block = 1h;
  c.timeouts.shutdown_grace = 0ms;
  c.tls = Tls{std::string(GALGUARD_SOURCE_DIR) + "/samples/gal.ldif",
              std::string(GALGUARD_SOURCE_DIR) + "/samples/gal.csv"};
  c.spool_directory = "";
  c.spool_memory_limit = 12345;
  c.milter.listen = {{"127.0.0.1", 10027}, {"::1", 10028}};
  c.milter.on_hold = MilterSettings::OnHold::discard;
  c.milter.verdict_header = false;
  c.milter.timeout = 90s;
  c.relay.next_hop = {"mta.example.org", 587};
  c.relay.helo_name = "[192.0.2.7]";
  c.relay.timeouts = {1s, 2s, 3s, 4s, 5s, 6s};
  c.relay.max_idle_connections = 0;
  c.relay.idle_timeout = 0ms;
  c.release = c.relay;
  c.release.next_hop = {"2001:db8::25", 25};
  c.release.helo_name = "release.example.org";
  c.database = "q.db";
  c.retention_days = 1;
  c.delivery_log_days = 7;
  c.refresh_interval = 1h;
  c.ldap.base_dn = "DC=example,DC=org";
  c.ldap.filter = "(mail=*)";
  c.ldap.starttls = true;
  c.ldap.ca_file = "/etc/ssl/ca.pem";
  c.ldap.client_certificate = "client.pem";
  c.ldap.client_key = "client.key";
  c.ldap.bind = "external";
  c.ldap.bind_dn = "CN=galguard,OU=Service,DC=example,DC=org";
  c.ldap.password_file = "/etc/galguard/ldap-password";
  c.ldap.password_env = "LDAP_PW";
  c.ldap.page_size = 500;
  c.ldap.timeout = 12s;
  c.graph.authority = "https://login.microsoftonline.us";
  c.graph.graph = "https://graph.microsoft.us";
  c.graph.client_id = "00000000-1111-2222-3333-444444444444";
  c.graph.client_secret_file = "/etc/galguard/graph-secret";
  c.graph.client_secret_env = "GRAPH_SECRET";
  c.graph.certificate_file = "graph.pem";
  c.graph.certificate_key_file = "graph.key";
  c.graph.delta = false;
  c.graph.max_retries = 2;
  c.graph.max_retry_after = 30s;
  c.graph.timeout = 90s;
  c.graph.ca_file = "/etc/ssl/graph-ca.pem";
  c.audit_interval = 24h;
  c.audit_reports = "/var/lib/galguard/audit";
  c.log_file = "/var/log/galguard.log";
  c.log_json = true;
  return c;
}

// The printed text without its comment lines (they name the file read).
std::string settings_only(const std::string& text) {
  std::istringstream in(text);
  std::string out, line;
  while (std::getline(in, line))
    if (!line.starts_with("#")) out += line + "\n";
  return out;
}

// The lines of one section of the sample, commented-out "# [name]" header included.
std::string sample_section(const std::string& text, const std::string& name) {
  std::size_t begin = text.find("\n[" + name + "]\n");
  if (begin == std::string::npos) begin = text.find("\n# [" + name + "]\n");
  if (begin == std::string::npos) return {};
  std::size_t end = begin + 1;
  while (true) {
    end = text.find('\n', end);
    if (end == std::string::npos || text.compare(end + 1, 1, "[") == 0 ||
        text.compare(end + 1, 3, "# [") == 0)
      break;
    ++end;
  }
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin + 1);
}

TEST(ToToml, RoundTripOfEverySetting) {
  const Config want = everything_changed();
  const std::string text = to_toml(want);
  const Config got = parse_config(text, "printed.toml");
  expect_same_values(want, got);
  EXPECT_EQ(settings_only(to_toml(got)), settings_only(text));
}

TEST(ToToml, RoundTripOfTheDefaults) {
  const Config want = default_config();
  expect_same_values(want, parse_config(to_toml(want), "printed.toml"));
}

TEST(ToToml, PrintsWhatAUserLooksFor) {
  const std::string text = to_toml(default_config());
  EXPECT_NE(text.find("# read from: embedded defaults\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n[smtp]\nlisten = [\"127.0.0.1:10025\"]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("mode = \"after-queue\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("max_message_size = \"50M\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("command_timeout = \"5m\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n[release]\nrelay = \"127.0.0.1:10026\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("hostname = \"" + machine_hostname() + "\"\n"), std::string::npos);
  // No TLS section unless TLS is configured.
  EXPECT_EQ(text.find("[smtp.tls]"), std::string::npos) << text;
  EXPECT_NE(to_toml(everything_changed()).find("\n[smtp.tls]\ncertificate = "), std::string::npos);

  Config from_file = default_config();
  from_file.file = "/etc/galguard/galguard.toml";
  EXPECT_NE(to_toml(from_file).find("# read from: /etc/galguard/galguard.toml\n"),
            std::string::npos);
}

// "# key = value" lines are settings at their default; uncommented they must still be the
// defaults. The commented-out [smtp.tls] block is an example, not a default: left out.
std::string uncomment_settings(const std::string& text) {
  static const std::regex setting(R"(^# ([a-z_]+ = .*)$)");
  std::istringstream in(text);
  std::string out, line;
  bool in_example = false;
  while (std::getline(in, line)) {
    if (line == "# [smtp.tls]") in_example = true;
    if (line.starts_with("[")) in_example = false;
    std::smatch m;
    if (!in_example && std::regex_match(line, m, setting))
      out += m[1].str() + "\n";
    else
      out += line + "\n";
  }
  return out;
}

TEST(SampleConfig, IsTheDefaults) {
  const std::string text = read_sample("galguard.toml");
  expect_same_values(default_config(), parse_config(text, "galguard.toml"));
}

TEST(SampleConfig, DocumentsEveryKeyAtItsDefault) {
  const std::string text = read_sample("galguard.toml");
  const std::string uncommented = uncomment_settings(text);
  ASSERT_NE(uncommented, text);
  expect_same_values(default_config(), parse_config(uncommented, "uncommented.toml"));

  // Every key to_toml prints (every setting, TLS included) is in its section of the sample.
  std::istringstream printed(to_toml(everything_changed()));
  std::string line, section;
  int keys = 0;
  while (std::getline(printed, line)) {
    if (line.starts_with("[")) section = line.substr(1, line.size() - 2);
    const auto eq = line.find(" = ");
    if (line.starts_with("#") || eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq);
    ++keys;
    EXPECT_NE(sample_section(text, section).find("\n# " + key + " = "), std::string::npos)
        << "[" << section << "] " << key << " is not in samples/galguard.toml";
  }
  EXPECT_GT(keys, 30);
}

}  // namespace
}  // namespace galguard::config
