// Every kind of mistake in galguard.toml: the exact "FILE:LINE" and what the message must say.
// Each case puts the mistake a few lines down so a wrong line number cannot pass by luck.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::config {
namespace {

struct Case {
  std::string name;
  std::string text;
  int line;                           // 0: the file name alone
  std::vector<std::string> mentions;  // each must be in the message
};

std::string existing(const std::string& relative) {
  return std::string(GALGUARD_SOURCE_DIR) + "/" + relative;
}

std::vector<Case> cases() {
  const std::string cert = existing("samples/gal.ldif");
  return {
      // TOML itself
      {"syntax", "[smtp]\nmax_line = 2000\nmode = after-queue\n", 3, {}},
      {"unclosed header", "\n[smtp\n", 2, {}},
      {"same key twice", "[smtp]\nmax_line = 2000\nmax_line = 3000\n", 3, {}},
      // unknown names
      {"unknown section",
       "[directory]\nfail_open = false\n\n[smpt]\nmode = \"after-queue\"\n",
       4,
       {"unknown section \"smpt\"", "did you mean \"smtp\"", "[directory], [smtp], [relay]"}},
      {"unknown key",
       "[smtp]\nmode = \"after-queue\"\nmax_recipient = 500\n",
       3,
       {"unknown key \"max_recipient\" in [smtp]", "did you mean \"max_recipients\"",
        "known keys: listen, mode, hostname"}},
      {"unknown key far from any",
       "[log]\nformat = \"text\"\nrotate = true\n",
       3,
       {"unknown key \"rotate\" in [log]", "known keys: file, format"}},
      {"setting above any section",
       "# galguard\nlisten = \"127.0.0.1:25\"\n",
       2,
       {"unknown top-level key \"listen\"", "\"listen\" belongs in [smtp]"}},
      {"unknown key in sub-section",
       "[smtp.tls]\ncertificate = \"" + cert + "\"\nkey = \"" + cert + "\"\npassword = \"x\"\n",
       4,
       {"unknown key \"password\" in [smtp.tls]", "known keys: certificate, key"}},
      // shapes and types
      {"section is not a table", "\nsmtp = 5\n", 2, {"[smtp]: expected a table, got an integer"}},
      {"sub-section is not a table",
       "[smtp]\n\ntls = \"yes\"\n",
       3,
       {"[smtp.tls]: expected a table, got a string"}},
      {"boolean as string",
       "[directory]\n\nfail_open = \"yes\"\n",
       3,
       {"[directory] fail_open: expected true or false, got a string"}},
      {"sources not a list",
       "[directory]\nsources = 5\n",
       2,
       {"[directory] sources: expected a string or an array of strings, got an integer"}},
      {"sources empty",
       "[directory]\npolicy = \"p.toml\"\nsources = []\n",
       3,
       {"[directory] sources: the list is empty"}},
      {"sources item",
       "[directory]\nsources = [\n  \"a.ldif\",\n  3,\n]\n",
       4,
       {"[directory] sources item 2: expected a string, got an integer"}},
      {"empty path", "[directory]\npolicy = \"\"\n", 2, {"[directory] policy: must not be empty"}},
      {"count as string",
       "[quarantine]\nretention_days = \"30\"\n",
       2,
       {"[quarantine] retention_days: expected a whole number, got a string"}},
      {"duration as float",
       "[smtp]\ncommand_timeout = 1.5\n",
       2,
       {"[smtp] command_timeout: expected a duration", "got a float"}},
      // endpoints
      {"endpoint without port",
       "[smtp]\nlisten = [\"127.0.0.1:10025\",\n  \"127.0.0.1\"]\n",
       3,
       {"[smtp] listen item 2 = \"127.0.0.1\": expected host:port"}},
      {"endpoint port 0",
       "[relay]\nnext_hop = \"127.0.0.1:0\"\n",
       2,
       {"[relay] next_hop = \"127.0.0.1:0\"", "port from 1 to 65535"}},
      {"endpoint port too big",
       "[release]\nrelay = \"127.0.0.1:65536\"\n",
       2,
       {"[release] relay = \"127.0.0.1:65536\""}},
      {"IPv6 without brackets", "[smtp]\nlisten = \"::1:25\"\n", 2, {"\"[::1]:10025\""}},
      {"endpoint twice",
       "[smtp]\nlisten = [\"127.0.0.1:25\",\n \"127.0.0.1:25\"]\n",
       3,
       {"[smtp] listen: 127.0.0.1:25 is listed twice"}},
      {"listen empty",
       "[smtp]\nlisten = []\n",
       2,
       {"[smtp] listen = []: the gateway would take no mail"}},
      // choices and names
      {"mode",
       "[smtp]\nmode = \"after_queue\"\n",
       2,
       {"[smtp] mode = \"after_queue\": expected \"after-queue\" or \"before-queue\""}},
      {"log format",
       "[log]\nfile = \"\"\nformat = \"xml\"\n",
       3,
       {"[log] format = \"xml\": expected \"text\" or \"json\""}},
      {"hostname with a space",
       "[smtp]\nhostname = \"mail example\"\n",
       2,
       {"[smtp] hostname = \"mail example\": expected a host name"}},
      {"helo name with CRLF",
       "[relay]\nhelo_name = \"a\\r\\nRSET\"\n",
       2,
       {"[relay] helo_name = \"a\\r\\nRSET\": expected a host name"}},
      // durations
      {"duration words",
       "[smtp]\ncommand_timeout = \"5 minutes\"\n",
       2,
       {"[smtp] command_timeout = \"5 minutes\": expected a duration such as \"500ms\""}},
      {"duration unit",
       "[relay]\nconnect_timeout = \"30sec\"\n",
       2,
       {"[relay] connect_timeout = \"30sec\""}},
      {"negative seconds",
       "[relay]\nidle_timeout = -5\n",
       2,
       {"[relay] idle_timeout = -5: expected a duration"}},
      {"zero timeout",
       "[smtp]\ndata_timeout = \"0s\"\n",
       2,
       {"[smtp] data_timeout = \"0s\": must be at least 1ms"}},
      {"timeout over a day",
       "[relay]\ndata_end_timeout = \"2d\"\n",
       2,
       {"[relay] data_end_timeout = \"2d\": must be at most 1d"}},
      {"huge seconds", "[directory]\nreload_interval = 99999999999\n", 2, {"must be at most 1d"}},
      // sizes
      {"size unit",
       "[smtp]\nmax_message_size = \"50MB\"\n",
       2,
       {"[smtp] max_message_size = \"50MB\": expected a size in bytes such as 1048576, \"10K\""}},
      {"negative size",
       "[smtp]\nspool_memory_limit = -1\n",
       2,
       {"[smtp] spool_memory_limit = -1: expected a size"}},
      {"size too small",
       "[smtp]\nmax_message_size = 512\n",
       2,
       {"[smtp] max_message_size = 512: must be at least 1K"}},
      {"size too big", "[smtp]\nmax_message_size = \"5G\"\n", 2, {"must be at most 4G"}},
      // RFC and sanity bounds
      {"max_line below RFC",
       "[smtp]\nmax_line = 999\n",
       2,
       {"[smtp] max_line = 999: must be at least 1000", "RFC 5321"}},
      {"max_recipients below RFC",
       "[smtp]\nmax_recipients = 10\n",
       2,
       {"[smtp] max_recipients = 10: must be at least 100", "RFC 5321"}},
      {"retention zero",
       "[quarantine]\ndatabase = \"q.db\"\nretention_days = 0\n",
       3,
       {"[quarantine] retention_days = 0: must be at least 1"}},
      {"retention huge", "[quarantine]\nretention_days = 100000\n", 2, {"must be at most 3650"}},
      {"idle connections",
       "[relay]\nmax_idle_connections = -1\n",
       2,
       {"[relay] max_idle_connections = -1: must be at least 0"}},
      // TLS: both files, and they must be there
      {"tls certificate alone",
       "[smtp]\nmode = \"after-queue\"\n\n[smtp.tls]\ncertificate = \"" + cert + "\"\n",
       4,
       {"[smtp.tls] needs both certificate and key; \"key\" is missing"}},
      {"tls key alone", "[smtp.tls]\nkey = \"" + cert + "\"\n", 1, {"\"certificate\" is missing"}},
      {"tls missing file",
       "[smtp.tls]\ncertificate = \"" + cert + "\"\nkey = \"/nonexistent/galguard/key.pem\"\n",
       3,
       {"[smtp.tls] key: \"/nonexistent/galguard/key.pem\" does not exist"}},
      {"tls directory",
       "[smtp.tls]\ncertificate = \"" + existing("samples") + "\"\nkey = \"" + cert + "\"\n",
       2,
       {"[smtp.tls] certificate:", "is not a regular file"}},
  };
}

TEST(ParseConfigErrors, PlaceAndMessage) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.name);
    try {
      parse_config(c.text, "gw.toml");
      ADD_FAILURE() << "accepted:\n" << c.text;
    } catch (const rules::InputError& e) {
      EXPECT_EQ(e.place(), c.line == 0 ? "gw.toml" : "gw.toml:" + std::to_string(c.line))
          << e.what();
      const std::string what = e.what();
      EXPECT_EQ(what.rfind(e.place() + ": ", 0), 0u) << what;
      EXPECT_EQ(what.find_first_of("\r\n"), std::string::npos) << "not one line: " << what;
      for (const std::string& mention : c.mentions)
        EXPECT_NE(what.find(mention), std::string::npos) << "want \"" << mention << "\" in\n"
                                                         << what;
    }
  }
}

}  // namespace
}  // namespace galguard::config
