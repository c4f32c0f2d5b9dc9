// galguard serve as an SMTP server, seen from the wire: what a client is told for each thing
// it does right or wrong, and what reaches the next hop (a real smtp-sink) or the quarantine.
#include <signal.h>

#include <thread>

#include "tests/integration/gateway_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

const std::string kClean = sample("messages/05-processor-ok.eml");
const std::string kReference = sample("messages/01-skarholmen-incident.eml");
const std::vector<std::string> kCleanRcpt{"servicedesk.stockholm@fujitsu.com"};
const std::vector<std::string> kReferenceRcpt{"m.exempel@elevstockholm.onmicrosoft.com"};

// The message as smtp-sink stores it: LF line ends.
std::string lf(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

void greet(SmtpClient& client) {
  ASSERT_EQ(client.read_code(), "220");
  ASSERT_EQ(client.command("EHLO client.test"), "250");
}

// After EHLO: MAIL, RCPT and DATA up to the 354.
void begin_data(SmtpClient& client, const std::string& rcpt) {
  ASSERT_EQ(client.command("MAIL FROM:<" + kFrom + ">"), "250 2.1.0");
  ASSERT_EQ(client.command("RCPT TO:<" + rcpt + ">"), "250 2.1.5");
  ASSERT_EQ(client.command("DATA"), "354");
}

TEST_F(GatewayTest, CleanMailIsRelayedUnchangedAndAcknowledgedOnlyWithTheNextHopsReply) {
  start();
  const std::string reply = send(kClean, kCleanRcpt);
  EXPECT_EQ(reply_code(reply), 250) << reply;
  ASSERT_TRUE(sink_->wait_for_count(1, 5s));
  const SinkMessage got = parse_sink_file(sink_->messages().front());
  EXPECT_EQ(got.header + "\n" + got.body, lf(kClean));
  EXPECT_EQ(got.rcpt_args.front().substr(0, kCleanRcpt[0].size() + 2), "<" + kCleanRcpt[0] + ">");
  EXPECT_TRUE(held().empty());
  EXPECT_NE(gateway_->log().find("verdict=pass"), std::string::npos);
}

TEST_F(GatewayTest, TheReferenceCaseIsHeldDurablyNotRelayed) {
  start();
  const std::string reply = send(kReference, kReferenceRcpt);
  EXPECT_EQ(reply_code(reply), 250) << reply;
  EXPECT_NE(reply.find("held for review"), std::string::npos) << reply;
  const auto list = held();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["state"], "held");
  EXPECT_NE(reply.find(list[0]["id"].get<std::string>()), std::string::npos);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(sink_->count(), 0);
  const std::string log = gateway_->log();
  EXPECT_NE(log.find("verdict=quarantine"), std::string::npos);
  EXPECT_NE(log.find("protected-name"), std::string::npos);
  EXPECT_EQ(log.find("19121212"), std::string::npos) << "identity numbers never reach the log";
}

TEST_F(GatewayTest, BeforeQueueModeRefusesHeldMailWithAReasonTheSenderCanActOn) {
  start({{"smtp", "mode = \"before-queue\""}});
  const std::string reply = send(kReference, kReferenceRcpt);
  EXPECT_EQ(reply.substr(0, 9), "550 5.7.1") << reply;
  EXPECT_EQ(held().size(), 1u) << "refused to the sender, but kept for the DPO";
}

TEST_F(GatewayTest, OneSuspiciousRecipientHoldsTheWholeMessage) {
  start();
  std::string mixed = kReference;
  mixed.insert(mixed.find("Subject:"),
               "Cc: Servicedesk Fujitsu <servicedesk.stockholm@fujitsu.com>\n");
  const std::string reply = send(mixed, {kReferenceRcpt[0], kCleanRcpt[0]});
  EXPECT_EQ(reply_code(reply), 250) << reply;
  ASSERT_EQ(held().size(), 1u);
  EXPECT_EQ(held()[0]["rcpt_to"].size(), 2u);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(sink_->count(), 0);
}

TEST_F(GatewayTest, PipelinedCommandsAreAnsweredInOrder) {
  start();
  SmtpClient client(gateway_->port());
  ASSERT_EQ(client.read_code(), "220");
  client.send("EHLO client.test\r\nMAIL FROM:<" + kFrom + ">\r\nRCPT TO:<" + kCleanRcpt[0] +
              ">\r\nRCPT TO:<bad address>\r\nNOOP\r\nDATA\r\n");
  const std::string ehlo = client.read_reply();
  EXPECT_NE(ehlo.find("PIPELINING"), std::string::npos);
  EXPECT_EQ(client.read_code(), "250 2.1.0");
  EXPECT_EQ(client.read_code(), "250 2.1.5");
  EXPECT_EQ(client.read_code().substr(0, 1), "5");  // the bad address, and only that one
  EXPECT_EQ(client.read_code(), "250 2.0.0");
  EXPECT_EQ(client.read_code(), "354");
  client.send(smtp_data(kClean) + "QUIT\r\n");
  EXPECT_EQ(client.read_code().substr(0, 3), "250");
  EXPECT_EQ(client.read_code(), "221 2.0.0");
  EXPECT_TRUE(sink_->wait_for_count(1, 5s));
}

TEST_F(GatewayTest, DotStuffedLinesArriveUnstuffed) {
  start();
  const std::string message = kClean + ".\n..two dots\n.leading dot\n";
  EXPECT_EQ(reply_code(send(message, kCleanRcpt)), 250);
  ASSERT_TRUE(sink_->wait_for_count(1, 5s));
  const SinkMessage got = parse_sink_file(sink_->messages().front());
  EXPECT_NE(got.body.find("\n.\n..two dots\n.leading dot\n"), std::string::npos) << got.body;
}

TEST_F(GatewayTest, AnOverlongCommandLineIsRefusedAndTheSessionGoesOn) {
  start();
  SmtpClient client(gateway_->port());
  greet(client);
  EXPECT_EQ(client.command("NOOP " + std::string(2000, 'x')), "500 5.5.2");
  EXPECT_EQ(client.command("NOOP"), "250 2.0.0");
}

TEST_F(GatewayTest, AnOverlongMessageLineIsRefusedAtTheEndOfDataAndNothingIsKept) {
  start();
  const std::string reply = send(kClean + std::string(1200, 'x') + "\n", kCleanRcpt);
  EXPECT_EQ(reply.substr(0, 9), "500 5.5.2") << reply;
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(sink_->count(), 0);
  EXPECT_TRUE(held().empty());
}

TEST_F(GatewayTest, AnOversizeMessageIsRefusedAtMailWhenDeclaredAndAtTheEndWhenNot) {
  start({{"smtp", "max_message_size = 4096"}});
  SmtpClient client(gateway_->port());
  greet(client);
  EXPECT_EQ(client.command("MAIL FROM:<" + kFrom + "> SIZE=5000"), "552 5.3.4");
  const std::string reply = send(
      kClean + std::string(80, 'y') + "\n" +
          [] {
            std::string s;
            for (int i = 0; i < 100; ++i)
              s += std::string(70, 'z') + "\n";
            return s;
          }(),
      kCleanRcpt);
  EXPECT_EQ(reply.substr(0, 9), "552 5.3.4") << reply;
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(sink_->count(), 0);
}

TEST_F(GatewayTest, TooManyRecipientsAreRefusedOneByOneWith452) {
  start({{"smtp", "max_recipients = 100"}});
  SmtpClient client(gateway_->port());
  greet(client);
  ASSERT_EQ(client.command("MAIL FROM:<" + kFrom + ">"), "250 2.1.0");
  for (int i = 0; i < 100; ++i)
    ASSERT_EQ(client.command("RCPT TO:<r" + std::to_string(i) + "@fujitsu.com>"), "250 2.1.5");
  EXPECT_EQ(client.command("RCPT TO:<one.too.many@fujitsu.com>"), "452 4.5.3");
}

TEST_F(GatewayTest, CommandsOutOfSequenceGet503) {
  start();
  SmtpClient client(gateway_->port());
  ASSERT_EQ(client.read_code(), "220");
  EXPECT_EQ(client.command("MAIL FROM:<" + kFrom + ">"), "503 5.5.1");  // before EHLO
  EXPECT_EQ(client.command("EHLO client.test"), "250");
  EXPECT_EQ(client.command("RCPT TO:<" + kCleanRcpt[0] + ">"), "503 5.5.1");
  EXPECT_EQ(client.command("DATA"), "503 5.5.1");
  EXPECT_EQ(client.command("FOO"), "500 5.5.2");
  EXPECT_EQ(client.command("VRFY someone"), "252 2.1.5");
  EXPECT_EQ(client.command("QUIT"), "221 2.0.0");
  EXPECT_TRUE(client.closed(2s));
}

TEST_F(GatewayTest, AnIdleClientIsToldOfTheTimeoutAndDisconnected) {
  start({{"smtp", "command_timeout = \"1s\""}});
  SmtpClient client(gateway_->port());
  greet(client);
  EXPECT_EQ(client.read_code(5s), "421 4.4.2");
  EXPECT_TRUE(client.closed(2s));
}

TEST_F(GatewayTest, AClientThatVanishesMidDataLeavesNothingBehind) {
  start();
  {
    SmtpClient client(gateway_->port());
    greet(client);
    ASSERT_NO_FATAL_FAILURE(begin_data(client, kReferenceRcpt[0]));
    client.send(kReference.substr(0, kReference.size() / 2));
  }  // closed without the final "."
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(gateway_->running());
  EXPECT_TRUE(held().empty());
  EXPECT_EQ(sink_->count(), 0);
  EXPECT_EQ(reply_code(send(kClean, kCleanRcpt)), 250) << "and the gateway serves the next one";
}

TEST_F(GatewayTest, NextHopDownIsATemporaryFailureSoTheClientKeepsTheMessage) {
  start();
  sink_->stop();
  const std::string reply = send(kClean, kCleanRcpt);
  EXPECT_EQ(reply.substr(0, 7), "451 4.4") << reply;
  EXPECT_TRUE(held().empty());
  sink_->start();
  EXPECT_EQ(reply_code(send(kClean, kCleanRcpt)), 250);
}

TEST_F(GatewayTest, TheNextHopsRefusalIsPassedOnUnchanged) {
  start();
  sink_->restart_rejecting(".");
  const std::string hard = send(kClean, kCleanRcpt);
  EXPECT_EQ(hard.substr(0, 1), "5") << hard;
  sink_->restart_rejecting("", "RCPT");
  const std::string soft = send(kClean, kCleanRcpt);
  EXPECT_EQ(soft.substr(0, 1), "4") << soft;
  EXPECT_TRUE(held().empty()) << "a refusal by the next hop is not a reason to hold";
  const std::string log = gateway_->log();
  EXPECT_NE(log.find("status=bounced"), std::string::npos);
  EXPECT_NE(log.find("status=deferred"), std::string::npos);
}

TEST_F(GatewayTest, ALargeMessageIsSpooledToDiskAndRelayedWhole) {
  start({{"smtp", "spool_memory_limit = \"64K\""}});
  std::string large = kClean;
  for (int i = 0; i < 40000; ++i)
    large += "Rad " + std::to_string(i) + " i en stor bilaga som inte får hamna i minnet.\n";
  ASSERT_GT(large.size(), 2u * 1024 * 1024);
  EXPECT_EQ(reply_code(send(large, kCleanRcpt)), 250);
  ASSERT_TRUE(sink_->wait_for_count(1, 10s));
  const SinkMessage got = parse_sink_file(sink_->messages().front());
  EXPECT_EQ(got.header + "\n" + got.body, lf(large));
}

TEST_F(GatewayTest, WithoutADirectoryTheGatewayFailsClosed) {
  start({{"directory", "sources = [\"/nonexistent/gal.ldif\"]"}});
  const std::string reply = send(kClean, kCleanRcpt);
  EXPECT_EQ(reply.substr(0, 9), "451 4.7.1") << reply;
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(sink_->count(), 0);
}

TEST_F(GatewayTest, FailOpenRelaysUncheckedWithAWarning) {
  start({{"directory", "sources = [\"/nonexistent/gal.ldif\"]\nfail_open = true"}});
  EXPECT_EQ(reply_code(send(kReference, kReferenceRcpt)), 250);
  EXPECT_TRUE(sink_->wait_for_count(1, 5s));
  EXPECT_NE(gateway_->log().find("relayed unchecked"), std::string::npos);
}

TEST_F(GatewayTest, XforwardNamesTheOriginalClientInTheLogAndTheQuarantine) {
  start();
  SmtpClient client(gateway_->port());
  greet(client);
  ASSERT_EQ(client.command("XFORWARD NAME=pc42.stockholm.se ADDR=192.0.2.42"), "250 2.0.0");
  ASSERT_NO_FATAL_FAILURE(begin_data(client, kReferenceRcpt[0]));
  client.send(smtp_data(kReference));
  EXPECT_EQ(client.read_code().substr(0, 3), "250");
  EXPECT_NE(gateway_->log().find("client=pc42.stockholm.se[192.0.2.42]"), std::string::npos);
  const auto list = held();
  ASSERT_EQ(list.size(), 1u);
  const std::string show = gateway_->cli("quarantine show " + list[0]["id"].get<std::string>());
  EXPECT_NE(show.find("192.0.2.42"), std::string::npos) << show;
}

// A name that is not in the directory passes; once an entry of that name with another address
// is added and the gateway has reloaded, the same message is held (name-bound-elsewhere).
class ReloadTest : public GatewayTest {
 protected:
  void start_with_copy(const std::string& reload_interval) {
    gal_ = dir_.path() + "/gal.ldif";
    std::filesystem::copy_file(std::string(GALGUARD_SOURCE_DIR) + "/samples/gal.ldif", gal_);
    start({{"directory",
            "sources = [\"" + gal_ + "\"]\nreload_interval = \"" + reload_interval + "\""}});
    const std::string first = send(kMessage, {"kalle@example.org"});
    EXPECT_EQ(reply_code(first), 250) << first;
    EXPECT_EQ(first.find("held"), std::string::npos) << first;
  }
  void add_entry() {
    std::ofstream(gal_, std::ios::app)
        << "\ndn: CN=Kalle Anka,OU=Users,DC=stockholm,DC=se\nobjectClass: user\n"
           "displayName: Kalle Anka\nmail: kalle.anka@stockholm.se\n";
  }
  void expect_held_after_reload() {
    ASSERT_TRUE(wait_until([&] { return occurrences(gateway_->log(), "directory loaded") == 2; },
                           10s, 50ms));
    EXPECT_NE(send(kMessage, {"kalle@example.org"}).find("held for review"), std::string::npos);
  }

  const std::string kMessage =
      "From: <" + kFrom + ">\nTo: Kalle Anka <kalle@example.org>\nSubject: hej\n\nhej\n";
  std::string gal_;
};

TEST_F(ReloadTest, SighupReloadsTheDirectory) {
  start_with_copy("0s");
  add_entry();
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(occurrences(gateway_->log(), "directory loaded"), 1u) << "no polling when 0s";
  gateway_->signal(SIGHUP);
  expect_held_after_reload();
}

TEST_F(ReloadTest, AChangedDirectoryFileIsReloadedWithoutASignal) {
  start_with_copy("200ms");
  std::this_thread::sleep_for(1100ms);  // a new mtime, even on coarse file systems
  add_entry();
  expect_held_after_reload();
}

TEST_F(ReloadTest, AtStartABrokenSourceFallsBackToTheLastGoodCopy) {
  start_with_copy("0s");
  gateway_->kill(SIGTERM);
  std::ofstream(gal_, std::ios::trunc) << "this is not LDIF\n";
  gateway_->start();
  EXPECT_NE(gateway_->log().find("using the last good directory"), std::string::npos);
  EXPECT_EQ(reply_code(send(kClean, kCleanRcpt)), 250) << "judged, not failed closed";
}

TEST_F(ReloadTest, ABrokenDirectoryFileKeepsTheRulebookThatWorks) {
  start_with_copy("200ms");
  std::this_thread::sleep_for(1100ms);
  std::ofstream(gal_, std::ios::trunc) << "this is not LDIF\n";
  ASSERT_TRUE(wait_until([&] { return gateway_->log().find("still using") != std::string::npos; },
                         10s, 50ms));
  EXPECT_EQ(reply_code(send(kReference, kReferenceRcpt)), 250);
  EXPECT_EQ(held().size(), 1u) << "still judged with the directory that loaded";
}

TEST_F(GatewayTest, SigtermLetsTheMessageInFlightFinishThenExits) {
  start();
  SmtpClient client(gateway_->port());
  greet(client);
  ASSERT_NO_FATAL_FAILURE(begin_data(client, kCleanRcpt[0]));
  gateway_->signal(SIGTERM);
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(SmtpClient::can_connect(gateway_->port())) << "no new sessions while draining";
  client.send(smtp_data(kClean));
  EXPECT_EQ(client.read_code().substr(0, 3), "250");
  EXPECT_EQ(client.read_code(), "421 4.3.2");
  EXPECT_TRUE(sink_->wait_for_count(1, 5s));
  // The drain is done: it exits by itself (signal 0 only waits), with status 0.
  const int status = gateway_->kill(0, std::chrono::seconds(10));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

TEST_F(GatewayTest, SwaksWithPipeliningDeliversAndTheReferenceIsHeld) {
  start();
  const std::string msg_file = dir_.path() + "/clean.eml";
  std::ofstream(msg_file) << kClean;
  const CommandResult swaks =
      run_command({"/usr/bin/swaks", "--server", "127.0.0.1:" + std::to_string(gateway_->port()),
                   "--pipeline", "--from", kFrom, "--to", kCleanRcpt[0], "--data", "@" + msg_file});
  EXPECT_EQ(swaks.exit_code, 0) << swaks.output;
  EXPECT_TRUE(sink_->wait_for_count(1, 5s));
  const std::string reference_file = dir_.path() + "/reference.eml";
  std::ofstream(reference_file) << kReference;
  const CommandResult held_run = run_command(
      {"/usr/bin/swaks", "--server", "127.0.0.1:" + std::to_string(gateway_->port()), "--pipeline",
       "--from", kFrom, "--to", kReferenceRcpt[0], "--data", "@" + reference_file});
  EXPECT_EQ(held_run.exit_code, 0) << held_run.output;
  EXPECT_NE(held_run.output.find("held for review as"), std::string::npos) << held_run.output;
  EXPECT_EQ(held().size(), 1u);
}

TEST_F(GatewayTest, StartTlsIsOfferedWithACertificateAndMailFlowsOverIt) {
  const std::string cert = dir_.path() + "/cert.pem";
  const std::string key = dir_.path() + "/key.pem";
  const CommandResult made =
      run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                   "2", "-subj", "/CN=galguard.test", "-keyout", key, "-out", cert});
  ASSERT_EQ(made.exit_code, 0) << made.output;
  start({{"smtp.tls", "certificate = \"" + cert + "\"\nkey = \"" + key + "\""}});
  {
    SmtpClient client(gateway_->port());
    ASSERT_EQ(client.read_code(), "220");
    client.send("EHLO client.test\r\n");
    EXPECT_NE(client.read_reply().find("STARTTLS"), std::string::npos);
  }
  const std::string msg_file = dir_.path() + "/clean.eml";
  std::ofstream(msg_file) << kClean;
  const CommandResult swaks =
      run_command({"/usr/bin/swaks", "--server", "127.0.0.1:" + std::to_string(gateway_->port()),
                   "--tls", "--from", kFrom, "--to", kCleanRcpt[0], "--data", "@" + msg_file});
  EXPECT_EQ(swaks.exit_code, 0) << swaks.output;
  EXPECT_NE(swaks.output.find("TLS started"), std::string::npos) << swaks.output;
  EXPECT_TRUE(sink_->wait_for_count(1, 5s));
}

TEST_F(GatewayTest, WithoutACertificateStartTlsIsNotOffered) {
  start();
  SmtpClient client(gateway_->port());
  ASSERT_EQ(client.read_code(), "220");
  client.send("EHLO client.test\r\n");
  EXPECT_EQ(client.read_reply().find("STARTTLS"), std::string::npos);
  EXPECT_EQ(client.command("STARTTLS"), "502 5.5.1");
}

}  // namespace
}  // namespace galguard::testing
