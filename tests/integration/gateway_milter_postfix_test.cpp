// The milter deployment with a real Postfix (samples/postfix/milter/, built by postfix-peer):
// Postfix's smtpd shows each message to galguard before queueing it. What must hold: the
// reference case is refused to the sending client with the reason and kept in galguard's
// quarantine; clean mail reaches the next hop with the verdict header; with galguard down the
// client gets a 4xx and Postfix queues nothing; discard mode tells the client 250 and delivers
// nothing. Needs root and Postfix; skips without them.
#include <signal.h>

#include <thread>

#include "tests/integration/gateway_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

const std::string kClean = sample("messages/05-processor-ok.eml");
const std::string kReference = sample("messages/01-skarholmen-incident.eml");
const std::string kCleanRcpt = "servicedesk.stockholm@fujitsu.com";
const std::string kReferenceRcpt = "m.exempel@elevstockholm.onmicrosoft.com";

class PostfixMilterTest : public ::testing::Test {
 protected:
  // Postfix in milter mode in front of galguard's milter listener. galguard's SMTP listener is
  // only there for the process helper to see it up; nothing is relayed.
  void start(std::map<std::string, std::string> sections = {}, bool start_galguard = true) {
    if (const std::string why = peers_unavailable(); !why.empty()) GTEST_SKIP() << why;
    sink_ = std::make_unique<SmtpSink>();
    PostfixPorts ports;
    ports.sink = sink_->port();
    ports.filter = free_port();
    postfix_ = std::make_unique<PostfixPeer>(PostfixMode::milter, ports);
    sections["milter"] = "listen = [\"127.0.0.1:" + std::to_string(postfix_->ports().filter) +
                         "\"]\n" + sections["milter"];
    gateway_ = std::make_unique<GalguardProcess>(dir_.path() + "/galguard", free_port(), sections);
    if (start_galguard) gateway_->start();
  }

  void TearDown() override {
    if (HasFailure() && gateway_)
      std::cerr << "---- galguard log ----\n"
                << detail::tail_lines(gateway_->log(), 40) << "----\n";
  }

  nlohmann::json held() {
    int status = 0;
    const std::string out = gateway_->cli("quarantine list --state all --json", &status);
    EXPECT_EQ(status, 0) << out;
    return nlohmann::json::parse(out, nullptr, false);
  }

  detail::TempDir dir_;
  std::unique_ptr<SmtpSink> sink_;
  std::unique_ptr<PostfixPeer> postfix_;
  std::unique_ptr<GalguardProcess> gateway_;
};

TEST_F(PostfixMilterTest, TheReferenceCaseIsRefusedWithTheReasonAndHeld) {
  start();
  const std::string reply = postfix_->inject(kReference, kFrom, {kReferenceRcpt});
  EXPECT_EQ(reply.substr(0, 10), "550 5.7.1 ") << reply;
  EXPECT_NE(reply.find("Service Desk 33900"), std::string::npos) << reply;
  const auto list = held();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_NE(reply.find("held for review as " + list[0]["id"].get<std::string>()), std::string::npos)
      << reply;
  EXPECT_EQ(postfix_->queue_count(), 0) << "refused, so not queued";
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(sink_->count(), 0);
}

TEST_F(PostfixMilterTest, ABccThatOnlyTheEnvelopeNamesIsRefusedAndHeld) {
  // Clean headers; the student mailbox of the flagged Skärholmen entry only in RCPT TO.
  start();
  const std::string reply = postfix_->inject(kClean, kFrom, {kCleanRcpt, kReferenceRcpt});
  EXPECT_EQ(reply.substr(0, 10), "550 5.7.1 ") << reply;
  EXPECT_NE(reply.find("RCPT TO <" + kReferenceRcpt + ">"), std::string::npos) << reply;
  const auto list = held();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_NE(list[0].dump().find("flagged-entry-address"), std::string::npos) << list[0].dump();
  EXPECT_EQ(postfix_->queue_count(), 0) << "refused, so not queued";
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(sink_->count(), 0);
}

TEST_F(PostfixMilterTest, CleanMailIsDeliveredWithTheVerdictHeader) {
  start();
  const std::string reply = postfix_->inject(kClean, kFrom, {kCleanRcpt});
  EXPECT_EQ(reply_code(reply), 250) << reply;
  ASSERT_TRUE(sink_->wait_for_count(1, 20s));
  const SinkMessage got = parse_sink_file(sink_->messages().front());
  EXPECT_NE(got.header.find("X-Galguard-Verdict: pass (galguard galguard.test)\n"),
            std::string::npos)
      << got.header;
  EXPECT_NE(got.body.find("INC7600982"), std::string::npos) << "the body arrives unchanged";
  EXPECT_TRUE(held().empty());
  // galguard chose its macros (only the queue id, at the end of the message): its log line
  // names the message as Postfix does, "queued as ID".
  const std::string queued = "queued as ";
  const auto at = reply.find(queued);
  ASSERT_NE(at, std::string::npos) << reply;
  const std::string queue_id = reply.substr(
      at + queued.size(), reply.find_first_of(" \r\n", at + queued.size()) - at - queued.size());
  EXPECT_NE(gateway_->log().find(" queue_id=" + queue_id + " "), std::string::npos)
      << queue_id << "\n"
      << gateway_->log();
}

TEST_F(PostfixMilterTest, WithGalguardDownTheClientGetsA4xxAndNothingIsQueued) {
  // Postfix finds no milter at connect and answers MAIL FROM with 451 4.7.1 (tempfail).
  start({}, false);  // galguard not started
  const std::string not_started = postfix_->inject(kClean, kFrom, {kCleanRcpt});
  EXPECT_EQ(reply_code(not_started) / 100, 4) << not_started;

  gateway_->start();
  EXPECT_EQ(reply_code(postfix_->inject(kClean, kFrom, {kCleanRcpt})), 250);
  ASSERT_TRUE(sink_->wait_for_count(1, 20s));
  gateway_->kill(SIGKILL);
  const std::string killed = postfix_->inject(kReference, kFrom, {kReferenceRcpt});
  EXPECT_EQ(reply_code(killed) / 100, 4) << killed;

  EXPECT_EQ(postfix_->queue_count(), 0) << "nothing half-accepted waits in Postfix's queue";
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(sink_->count(), 1) << "only the message sent while galguard ran";
}

TEST_F(PostfixMilterTest, DiscardModeTellsTheClient250DeliversNothingAndKeepsIt) {
  start({{"milter", "on_hold = \"discard\""}});
  const std::string reply = postfix_->inject(kReference, kFrom, {kReferenceRcpt});
  EXPECT_EQ(reply_code(reply), 250) << reply;
  EXPECT_EQ(held().size(), 1u);
  EXPECT_TRUE(postfix_->wait_for_log("milter-discard")) << "Postfix drops it itself";
  EXPECT_EQ(postfix_->queue_count(), 0);
  EXPECT_EQ(sink_->count(), 0);
}

}  // namespace
}  // namespace galguard::testing
