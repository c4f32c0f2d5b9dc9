// parse_config: the defaults, every key, where each was set, and load_config.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "rules/text/input_error.hpp"
#include "tests/unit/config/config_values.hpp"

namespace galguard::config {
namespace {

using namespace std::chrono_literals;

// A file that exists, for the TLS keys (they are checked when the config is read).
std::string existing(const std::string& relative) {
  return std::string(GALGUARD_SOURCE_DIR) + "/" + relative;
}

TEST(DefaultConfig, RunsTheSamplesFromTheProjectRoot) {
  const Config c = default_config();
  EXPECT_EQ(c.file, "");
  EXPECT_EQ(c.directory_sources, std::vector<std::string>{"samples/gal.ldif"});
  EXPECT_EQ(c.policy_file, "samples/policy.toml");
  EXPECT_EQ(c.reload_interval, 2s);
  EXPECT_EQ(c.saved_snapshot, "var/directory-snapshot");
  EXPECT_FALSE(c.fail_open);
  EXPECT_EQ(c.listen, (std::vector<net::Endpoint>{{"127.0.0.1", 10025}}));
  EXPECT_EQ(c.mode, Mode::after_queue);
  EXPECT_EQ(c.limits.max_line, 1000u);
  EXPECT_EQ(c.limits.max_recipients, 1000u);
  EXPECT_EQ(c.limits.max_message_size, 50ull << 20);
  EXPECT_EQ(c.timeouts.command, 5min);
  EXPECT_EQ(c.timeouts.data_block, 3min);
  EXPECT_EQ(c.timeouts.shutdown_grace, 30s);
  EXPECT_FALSE(c.tls.has_value());
  EXPECT_EQ(c.spool_directory, "var/spool");
  EXPECT_EQ(c.relay.next_hop, (net::Endpoint{"127.0.0.1", 10026}));
  EXPECT_EQ(c.release.next_hop, c.relay.next_hop);
  EXPECT_EQ(c.database, "var/quarantine.db");
  EXPECT_EQ(c.retention_days, 30);
  EXPECT_EQ(c.log_file, "");
  EXPECT_FALSE(c.log_json);
}

TEST(DefaultConfig, HostnameIsTheMachinesName) {
  const Config c = default_config();
  EXPECT_FALSE(c.hostname.empty());
  EXPECT_EQ(c.hostname, machine_hostname());
  // Written out empty, it means the same.
  EXPECT_EQ(parse_config("[smtp]\nhostname = \"\"\n", "g.toml").hostname, machine_hostname());
}

TEST(ParseConfig, EmptyFileIsTheDefaults) {
  const Config c = parse_config("# nothing set\n", "empty.toml");
  EXPECT_EQ(c.file, "empty.toml");
  expect_same_values(default_config(), c);
}

TEST(ParseConfig, EveryKey) {
  const std::string text = R"([directory]
sources = ["a.ldif", "b.json"]
policy = "/etc/galguard/policy.toml"
reload_interval = "500ms"
saved_snapshot = "/var/lib/galguard/snapshot"
fail_open = true

[smtp]
listen = ["0.0.0.0:25", "[::1]:2525"]
mode = "before-queue"
hostname = "mx.example.org"
max_message_size = "10M"
max_recipients = 250
max_line = 2048
command_timeout = "10m"
data_timeout = 120
shutdown_grace = "0s"
spool_directory = "/var/spool/galguard"
spool_memory_limit = "64K"

[smtp.tls]
certificate = ")" + existing("samples/gal.ldif") +
                           R"("
key = ")" + existing("samples/gal.csv") +
                           R"("

[relay]
next_hop = "mta.example.org:25"
helo_name = "filter.example.org"
connect_timeout = "5s"
greeting_timeout = "1m"
command_timeout = "2m"
data_init_timeout = "90s"
data_timeout = "4m"
data_end_timeout = "15m"
max_idle_connections = 0
idle_timeout = "1m"

[release]
relay = "[2001:db8::1]:10027"
helo_name = "release.example.org"

[quarantine]
database = "/var/lib/galguard/q.db"
retention_days = 90

[log]
file = "/var/log/galguard.log"
format = "json"
)";
  const Config c = parse_config(text, "all.toml");
  EXPECT_EQ(c.directory_sources, (std::vector<std::string>{"a.ldif", "b.json"}));
  EXPECT_EQ(c.policy_file, "/etc/galguard/policy.toml");
  EXPECT_EQ(c.reload_interval, 500ms);
  EXPECT_EQ(c.saved_snapshot, "/var/lib/galguard/snapshot");
  EXPECT_TRUE(c.fail_open);
  EXPECT_EQ(c.listen, (std::vector<net::Endpoint>{{"0.0.0.0", 25}, {"::1", 2525}}));
  EXPECT_EQ(c.mode, Mode::before_queue);
  EXPECT_EQ(c.hostname, "mx.example.org");
  EXPECT_EQ(c.limits.max_message_size, 10ull << 20);
  EXPECT_EQ(c.limits.max_recipients, 250u);
  EXPECT_EQ(c.limits.max_line, 2048u);
  EXPECT_EQ(c.timeouts.command, 10min);
  EXPECT_EQ(c.timeouts.data_block, 2min);  // an integer is seconds
  EXPECT_EQ(c.timeouts.shutdown_grace, 0s);
  EXPECT_EQ(c.spool_directory, "/var/spool/galguard");
  EXPECT_EQ(c.spool_memory_limit, 64u * 1024);
  ASSERT_TRUE(c.tls.has_value());
  EXPECT_EQ(c.tls->certificate, existing("samples/gal.ldif"));
  EXPECT_EQ(c.tls->key, existing("samples/gal.csv"));
  EXPECT_EQ(c.relay.next_hop, (net::Endpoint{"mta.example.org", 25}));
  EXPECT_EQ(c.relay.helo_name, "filter.example.org");
  EXPECT_EQ(c.relay.timeouts.connect, 5s);
  EXPECT_EQ(c.relay.timeouts.greeting, 1min);
  EXPECT_EQ(c.relay.timeouts.command, 2min);
  EXPECT_EQ(c.relay.timeouts.data_init, 90s);
  EXPECT_EQ(c.relay.timeouts.data_block, 4min);
  EXPECT_EQ(c.relay.timeouts.data_end, 15min);
  EXPECT_EQ(c.relay.max_idle_connections, 0u);
  EXPECT_EQ(c.relay.idle_timeout, 1min);
  EXPECT_EQ(c.release.next_hop, (net::Endpoint{"2001:db8::1", 10027}));
  EXPECT_EQ(c.release.helo_name, "release.example.org");
  EXPECT_EQ(c.release.timeouts.data_end, 15min);  // the relay's timeouts
  EXPECT_EQ(c.database, "/var/lib/galguard/q.db");
  EXPECT_EQ(c.retention_days, 90);
  EXPECT_EQ(c.log_file, "/var/log/galguard.log");
  EXPECT_TRUE(c.log_json);

  EXPECT_EQ(place_of(c, "directory.policy"), "all.toml:3");
  EXPECT_EQ(place_of(c, "directory.sources[1]"), "all.toml:2");
  EXPECT_EQ(place_of(c, "smtp.tls.key"), "all.toml:23");
  EXPECT_EQ(place_of(c, "release.relay"), "all.toml:38");
}

TEST(ParseConfig, SingleStringIsAListOfOne) {
  const Config c = parse_config(
      "[directory]\nsources = \"gal.csv\"\n[smtp]\nlisten = \"127.0.0.1:2525\"\n", "one.toml");
  EXPECT_EQ(c.directory_sources, std::vector<std::string>{"gal.csv"});
  EXPECT_EQ(c.listen, (std::vector<net::Endpoint>{{"127.0.0.1", 2525}}));
  EXPECT_EQ(place_of(c, "directory.sources[0]"), "one.toml:2");
}

TEST(ParseConfig, PlaceOfEachListItemAndOfWhatWasNotSet) {
  const Config c =
      parse_config("[directory]\nsources = [\n  \"a.ldif\",\n\n  \"b.csv\",\n]\n", "list.toml");
  EXPECT_EQ(place_of(c, "directory.sources[0]"), "list.toml:3");
  EXPECT_EQ(place_of(c, "directory.sources[1]"), "list.toml:5");
  EXPECT_EQ(place_of(c, "directory.policy"), "list.toml");
  EXPECT_EQ(place_of(default_config(), "directory.policy"), "embedded defaults");
}

TEST(ParseConfig, ReleaseFollowsTheRelayUnlessGiven) {
  const Config follows = parse_config(
      "[relay]\nnext_hop = \"10.0.0.5:25\"\nhelo_name = \"gw.example.org\"\n", "r.toml");
  EXPECT_EQ(follows.release.next_hop, (net::Endpoint{"10.0.0.5", 25}));
  EXPECT_EQ(follows.release.helo_name, "gw.example.org");

  // [release] before [relay] in the file: still the relay's values underneath.
  const Config own = parse_config(
      "[release]\nrelay = \"10.0.0.6:25\"\n[relay]\nnext_hop = \"10.0.0.5:25\"\n"
      "helo_name = \"gw.example.org\"\n",
      "r.toml");
  EXPECT_EQ(own.relay.next_hop, (net::Endpoint{"10.0.0.5", 25}));
  EXPECT_EQ(own.release.next_hop, (net::Endpoint{"10.0.0.6", 25}));
  EXPECT_EQ(own.release.helo_name, "gw.example.org");
}

TEST(ParseConfig, DottedKeysAreTheSameAsSections) {
  const Config c = parse_config("smtp.max_line = 4096\nsmtp.tls.certificate = \"" +
                                    existing("samples/gal.ldif") + "\"\nsmtp.tls.key = \"" +
                                    existing("samples/gal.csv") + "\"\n",
                                "dotted.toml");
  EXPECT_EQ(c.limits.max_line, 4096u);
  EXPECT_TRUE(c.tls.has_value());
}

TEST(ParseConfig, BoundsAreInclusive) {
  const Config low = parse_config(
      "[smtp]\nmax_line = 1000\nmax_recipients = 100\nmax_message_size = \"1K\"\n"
      "command_timeout = \"1ms\"\n[quarantine]\nretention_days = 1\n",
      "low.toml");
  EXPECT_EQ(low.limits.max_line, 1000u);
  EXPECT_EQ(low.limits.max_recipients, 100u);
  EXPECT_EQ(low.limits.max_message_size, 1024u);
  EXPECT_EQ(low.timeouts.command, 1ms);
  EXPECT_EQ(low.retention_days, 1);
  const Config high = parse_config(
      "[smtp]\nmax_message_size = \"4G\"\ncommand_timeout = \"1d\"\n[quarantine]\n"
      "retention_days = 3650\n",
      "high.toml");
  EXPECT_EQ(high.limits.max_message_size, 4ull << 30);
  EXPECT_EQ(high.timeouts.command, 24h);
  EXPECT_EQ(high.retention_days, 3650);
}

TEST(LoadConfig, NoPathIsTheEmbeddedDefaults) {
  const Config c = load_config(std::nullopt);
  EXPECT_EQ(c.file, "");
  expect_same_values(default_config(), c);
}

TEST(LoadConfig, ReadsTheFileAndNamesItInErrors) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("galguard-config-test-" + std::to_string(::getpid()) + ".toml");
  {
    std::ofstream out(path);
    out << "[quarantine]\nretention_days = 7\n\n[log]\nformat = \"yaml\"\n";
  }
  try {
    load_config(path.string());
    ADD_FAILURE() << "no error";
  } catch (const rules::InputError& e) {
    EXPECT_EQ(e.place(), path.string() + ":5");
  }
  {
    std::ofstream out(path);
    out << "[quarantine]\nretention_days = 7\n";
  }
  const Config c = load_config(path.string());
  EXPECT_EQ(c.file, path.string());
  EXPECT_EQ(c.retention_days, 7);
  std::filesystem::remove(path);

  try {
    load_config(path.string());
    ADD_FAILURE() << "no error for a missing file";
  } catch (const rules::InputError& e) {
    EXPECT_EQ(e.place(), path.string());
    EXPECT_NE(std::string(e.what()).find("cannot open"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace galguard::config
