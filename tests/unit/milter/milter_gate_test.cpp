// A whole Postfix-like milter conversation through milter::Session and server::MilterGate, with
// the sample directory and policy and an in-memory quarantine: what the MTA is told, what is
// held, what is logged.
#include "gateway/server/milter_gate.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "gateway/milter/reply.hpp"
#include "gateway/quarantine/delivery_log_sqlite.hpp"
#include "gateway/quarantine/memory_store.hpp"
#include "tests/unit/milter/mta_packets.hpp"

namespace galguard::server {
namespace {

namespace asio = boost::asio;
using namespace milter::testing;
using milter::Packet;

const std::string kClean = sample("messages/05-processor-ok.eml");
const std::string kReference = sample("messages/01-skarholmen-incident.eml");
const std::string kFrom = "it.skarholmen@stockholm.se";
const std::string kReferenceRcpt = "m.exempel@elevstockholm.onmicrosoft.com";
const std::string kCleanRcpt = "servicedesk.stockholm@fujitsu.com";

// A quarantine whose disk is full: every hold fails, everything else is a MemoryStore.
class FailingStore final : public quarantine::QuarantineStore {
 public:
  std::string hold(quarantine::HeldMessage) override {
    throw std::runtime_error("database or disk is full");
  }
  std::optional<quarantine::HeldMessage> get(const std::string& id) override {
    return inner_.get(id);
  }
  std::vector<quarantine::HeldMessage> list(const quarantine::ListFilter& filter) override {
    return inner_.list(filter);
  }
  void transition(const std::string& id, quarantine::State to, const std::string& actor,
                  const std::string& reason, std::int64_t at) override {
    inner_.transition(id, to, actor, reason, at);
  }
  quarantine::ActionLogEntry log(std::int64_t at, const std::string& actor,
                                 const std::string& action, const std::string& message_id,
                                 const std::string& reason) override {
    return inner_.log(at, actor, action, message_id, reason);
  }
  std::vector<quarantine::ActionLogEntry> action_log(
      const std::optional<std::string>& message_id) override {
    return inner_.action_log(message_id);
  }
  quarantine::ChainCheck verify_chain() override { return inner_.verify_chain(); }
  std::size_t purge(std::int64_t older_than, std::int64_t at) override {
    return inner_.purge(older_than, at);
  }
  std::size_t count(const quarantine::ListFilter& filter) override { return inner_.count(filter); }
  std::vector<int> held_per_day(std::int64_t from, int days) override {
    return inner_.held_per_day(from, days);
  }
  std::string create_incident(quarantine::Incident incident, const std::string& actor,
                              std::int64_t at) override {
    return inner_.create_incident(std::move(incident), actor, at);
  }
  std::optional<quarantine::Incident> incident(const std::string& id) override {
    return inner_.incident(id);
  }
  std::vector<quarantine::Incident> incidents() override { return inner_.incidents(); }
  void update_incident(const quarantine::Incident& incident, const std::string& actor,
                       std::int64_t at) override {
    inner_.update_incident(incident, actor, at);
  }
  void add_user(const quarantine::User& user, const std::string& actor, std::int64_t at) override {
    inner_.add_user(user, actor, at);
  }
  std::optional<quarantine::User> user(const std::string& name) override {
    return inner_.user(name);
  }
  std::vector<quarantine::User> users() override { return inner_.users(); }
  void set_password(const std::string& name, const std::string& password_hash,
                    const std::string& actor, std::int64_t at) override {
    inner_.set_password(name, password_hash, actor, at);
  }
  void remove_user(const std::string& name, const std::string& actor, std::int64_t at) override {
    inner_.remove_user(name, actor, at);
  }

 private:
  quarantine::MemoryStore inner_;
};

struct Options {
  bool load_directory = true;
  bool fail_open = false;
  config::MilterSettings::OnHold on_hold = config::MilterSettings::OnHold::reject;
  std::uint64_t max_message_size = 50ull * 1024 * 1024;
  bool failing_store = false;
};

// One MTA connection: session and gate, the replies the MTA would read.
class Conversation {
 public:
  explicit Conversation(Options options = {})
      : log_path_(std::filesystem::temp_directory_path() /
                  ("milter_gate_test_" + std::to_string(::getpid()) + "_" +
                   std::to_string(counter()++) + ".log")),
        log_(log_path_.string()),
        directory_({{GALGUARD_SOURCE_DIR "/samples/gal.ldif"},
                    GALGUARD_SOURCE_DIR "/samples/policy.toml",
                    "",
                    {}},
                   log_),
        store_(options.failing_store
                   ? std::unique_ptr<quarantine::QuarantineStore>(std::make_unique<FailingStore>())
                   : std::make_unique<quarantine::MemoryStore>()),
        session_({options.max_message_size, true}) {
    if (options.load_directory) directory_.load();
    MilterGateSettings settings;
    settings.milter.on_hold = options.on_hold;
    settings.fail_open = options.fail_open;
    settings.hostname = "gw.stockholm.se";
    gate_ = std::make_unique<MilterGate>(settings, directory_, *store_, recorder_, log_, blocking_,
                                         metrics_);
  }
  ~Conversation() {
    blocking_.join();
    std::filesystem::remove(log_path_);
    for (const char* suffix : {".db", ".db-wal", ".db-shm"})
      std::filesystem::remove(log_path_.string() + suffix);
  }

  // Feeds the packets; at each end of message asks the gate. Returns every reply.
  std::vector<Packet> send(const std::vector<Packet>& packets) {
    std::vector<Packet> replies;
    for (const Packet& packet : packets) {
      milter::Outcome outcome = session_.on_packet(packet);
      EXPECT_TRUE(outcome.error.empty()) << outcome.error;
      for (Packet& reply : outcome.replies)
        replies.push_back(std::move(reply));
      if (!outcome.end_of_message) continue;
      for (Packet& reply : session_.finish_message(decide()))
        replies.push_back(std::move(reply));
    }
    return replies;
  }

  // The replies after option negotiation.
  std::vector<Packet> message(const std::string& raw, const std::string& rcpt) {
    auto replies = send(conversation(raw, kFrom, {rcpt}));
    EXPECT_EQ(replies.front().command, milter::command::optneg);
    replies.erase(replies.begin());
    return replies;
  }

  std::vector<quarantine::HeldMessage> held() { return store_->list(quarantine::ListFilter{}); }

  // Messages the delivery log has for `address`, once the gate's writes are done.
  std::int64_t delivered_to(const std::string& address) {
    blocking_.join();
    const std::vector<std::string> addresses{address};
    return deliveries_.exposure(addresses, 0).messages;
  }

  std::string metrics() { return metrics_.render(); }

  std::string log() const {
    std::ifstream in(log_path_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }

  milter::Decision decide() {
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    milter::Decision decision;
    std::string raw = session_.bytes();
    asio::co_spawn(io, gate_->on_message(session_.client(), session_.message(), std::move(raw)),
                   [&](std::exception_ptr error, milter::Decision result) {
                     work.reset();
                     if (error) std::rethrow_exception(error);
                     decision = std::move(result);
                   });
    io.run();
    return decision;
  }

  std::filesystem::path log_path_;
  Log log_;
  DirectoryState directory_;
  std::unique_ptr<quarantine::QuarantineStore> store_;
  quarantine::SqliteDeliveryLog deliveries_{log_path_.string() + ".db"};
  metrics::GatewayMetrics metrics_;
  asio::thread_pool blocking_{1};
  DeliveryRecorder recorder_{&deliveries_, log_, blocking_};
  std::unique_ptr<MilterGate> gate_;
  milter::Session session_;
};

// The text of a SMFIR_REPLYCODE packet, "550 5.7.1 ...".
std::string reply_line(const Packet& packet) {
  EXPECT_EQ(packet.command, milter::reply::reply_code);
  return packet.payload.substr(0, packet.payload.find('\0'));
}

TEST(MilterGate, CleanMailIsAcceptedWithTheVerdictHeader) {
  Conversation mta;
  const auto replies = mta.message(kClean, kCleanRcpt);
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0], (Packet{milter::reply::add_header,
                                "X-Galguard-Verdict\0 pass (galguard gw.stockholm.se)\0"s}));
  EXPECT_EQ(replies[1].command, milter::reply::accept);
  EXPECT_TRUE(mta.held().empty());
  const std::string log = mta.log();
  EXPECT_NE(log.find(" queue_id=4NxYz1 client=client.stockholm.se[10.1.2.3]"), std::string::npos)
      << log;
  EXPECT_NE(log.find("verdict=pass"), std::string::npos) << log;
  EXPECT_NE(log.find("relay=milter"), std::string::npos) << log;
  // Accepted mail counts for exposure reports and in the metrics, like relayed SMTP mail.
  EXPECT_EQ(mta.delivered_to(kCleanRcpt), 1);
  EXPECT_NE(mta.metrics().find("galguard_messages_total{verdict=\"pass\"} 1\n"), std::string::npos)
      << mta.metrics();
}

TEST(MilterGate, TheReferenceCaseIsHeldFirstThenRefusedWithTheReason) {
  Conversation mta;
  const auto replies = mta.message(kReference, kReferenceRcpt);
  ASSERT_EQ(replies.size(), 1u);
  const std::string line = reply_line(replies[0]);
  EXPECT_EQ(line.substr(0, 10), "550 5.7.1 ") << line;
  const auto held = mta.held();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_NE(line.find("held for review as " + held[0].id), std::string::npos) << line;
  EXPECT_NE(line.find("Service Desk 33900"), std::string::npos) << line;
  EXPECT_EQ(line.find("19121212"), std::string::npos) << "nothing from the body";
  // The original bytes and envelope, for the DPO and for release.
  EXPECT_EQ(held[0].envelope.mail_from, kFrom);
  EXPECT_EQ(held[0].envelope.rcpt_to, std::vector<std::string>{kReferenceRcpt});
  EXPECT_EQ(held[0].envelope.client_addr, "10.1.2.3");
  EXPECT_EQ(held[0].envelope.helo, "client.stockholm.se");
  EXPECT_NE(held[0].raw.find("Personnummer: 19121212-1212"), std::string::npos);
  EXPECT_EQ(held[0].personal_data.identity_numbers, 1);
  const std::string log = mta.log();
  EXPECT_NE(log.find("verdict=quarantine"), std::string::npos) << log;
  EXPECT_NE(log.find("protected-name"), std::string::npos) << log;
  EXPECT_EQ(log.find("19121212"), std::string::npos) << "identity numbers never reach the log";
  EXPECT_EQ(mta.delivered_to(kReferenceRcpt), 0) << "held, so not delivered";
  EXPECT_NE(mta.metrics().find("galguard_messages_total{verdict=\"quarantine\"} 1\n"),
            std::string::npos)
      << mta.metrics();
}

TEST(MilterGate, ABccToTheFlaggedEntryIsHeldThoughTheHeadersAreClean) {
  // The clean message's headers name only the processor; Postfix has already removed the Bcc
  // header, so the student mailbox of the Skärholmen entry is only in RCPT TO.
  Conversation mta;
  auto replies = mta.send(conversation(kClean, kFrom, {kCleanRcpt, kReferenceRcpt}));
  replies.erase(replies.begin());  // option negotiation
  ASSERT_EQ(replies.size(), 1u);
  const std::string line = reply_line(replies[0]);
  EXPECT_EQ(line.substr(0, 10), "550 5.7.1 ") << line;
  EXPECT_NE(line.find("RCPT TO <" + kReferenceRcpt + ">"), std::string::npos) << line;
  EXPECT_NE(line.find("Service Desk 33900"), std::string::npos) << line;
  ASSERT_EQ(mta.held().size(), 1u);
  EXPECT_NE(mta.held()[0].verdict_json.find("flagged-entry-address"), std::string::npos);
  // The log line names the recipient each finding is about.
  const std::string log = mta.log();
  EXPECT_NE(log.find("findings=flagged-entry-address:<" + kReferenceRcpt + ">"), std::string::npos)
      << log;
  EXPECT_EQ(log.find(":<" + kCleanRcpt + ">"), std::string::npos) << "no finding about it";
}

TEST(MilterGate, DiscardModeDropsTheHeldMessageSilentlyButKeepsIt) {
  Conversation mta({.on_hold = config::MilterSettings::OnHold::discard});
  const auto replies = mta.message(kReference, kReferenceRcpt);
  EXPECT_EQ(replies, (std::vector<Packet>{Packet{milter::reply::discard, ""}}));
  EXPECT_EQ(mta.held().size(), 1u);
}

TEST(MilterGate, TwoMessagesOnOneConnectionAreJudgedApart) {
  Conversation mta;
  auto packets = conversation(kClean, kFrom, {kCleanRcpt});
  // The second message of the same SMTP session: MAIL to end of message again.
  packets.push_back(mail(kFrom));
  packets.push_back(rcpt(kReferenceRcpt));
  for (Packet& packet : message_packets(kReference))
    packets.push_back(std::move(packet));
  const auto replies = mta.send(packets);
  ASSERT_EQ(replies.size(), 4u);  // optneg; header + accept; refusal
  EXPECT_EQ(replies[2].command, milter::reply::accept);
  EXPECT_EQ(reply_line(replies[3]).substr(0, 9), "550 5.7.1");
  const auto held = mta.held();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].envelope.rcpt_to, std::vector<std::string>{kReferenceRcpt})
      << "the first message's recipient is not the second's";
  EXPECT_EQ(held[0].raw.find("INC7600982"), std::string::npos) << "nothing of the first message";
}

TEST(MilterGate, AnAbortedMessageLeavesNothingBehind) {
  Conversation mta;
  auto packets = conversation(kReference, kFrom, {kReferenceRcpt});
  packets.pop_back();  // Postfix aborts instead of ending the message (the client said RSET)
  packets.push_back(abort_message());
  packets.push_back(mail(kFrom));
  packets.push_back(rcpt(kCleanRcpt));
  for (Packet& packet : message_packets(kClean))
    packets.push_back(std::move(packet));
  const auto replies = mta.send(packets);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[2].command, milter::reply::accept) << "the reference headers were forgotten";
  EXPECT_TRUE(mta.held().empty());
}

TEST(MilterGate, NoDirectoryTempfails) {
  Conversation mta({.load_directory = false});
  const auto replies = mta.message(kClean, kCleanRcpt);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(reply_line(replies[0]), "451 4.7.1 Directory not loaded yet; try again later");
  EXPECT_NE(mta.log().find("verdict=tempfail"), std::string::npos);
}

TEST(MilterGate, NoDirectoryWithFailOpenAcceptsUncheckedAndSaysSo) {
  Conversation mta({.load_directory = false, .fail_open = true});
  const auto replies = mta.message(kReference, kReferenceRcpt);
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0], (Packet{milter::reply::add_header,
                                "X-Galguard-Verdict\0 unchecked (galguard gw.stockholm.se)\0"s}));
  EXPECT_EQ(replies[1].command, milter::reply::accept);
  EXPECT_NE(mta.log().find("directory not loaded and fail_open is set"), std::string::npos);
}

TEST(MilterGate, ABodyOverTheSizeLimitIsRefusedNotPassedUnchecked) {
  Conversation mta({.max_message_size = 4096});
  const std::string big = kReference + std::string(8192, 'x') + "\r\n";
  const auto replies = mta.message(big, kReferenceRcpt);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(reply_line(replies[0]), "552 5.3.4 Error: message size exceeds fixed limit");
  EXPECT_TRUE(mta.held().empty());
}

TEST(MilterGate, AStoreFailureTempfailsAndClaimsNothing) {
  Conversation mta({.failing_store = true});
  const auto replies = mta.message(kReference, kReferenceRcpt);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(reply_line(replies[0]).substr(0, 9), "451 4.3.0");
  EXPECT_EQ(reply_line(replies[0]).find("held for review"), std::string::npos);
  EXPECT_TRUE(mta.held().empty());
  const std::string log = mta.log();
  EXPECT_NE(log.find("quarantine store failed"), std::string::npos) << log;
  EXPECT_NE(log.find("status=deferred"), std::string::npos) << log;
}

TEST(MilterGate, TheRefusalIsOneAsciiLineWithinTheSmtpLimit) {
  Judgement judgement;
  judgement.action = rules::Action::reject;
  rules::Finding finding;
  finding.header = "To";
  finding.display_name = "Skärholmens stadsdelsförvaltning Åke 🙂";
  finding.address = "x@e.se";
  finding.explanation = std::string(600, 'y');
  judgement.verdict.findings.push_back(finding);
  const milter::Decision decision = refusal_decision(judgement, "ID1");
  EXPECT_EQ(decision.code, 550);
  EXPECT_EQ(decision.enhanced, "5.7.1");
  EXPECT_NE(decision.text.find("\"Skarholmens stadsdelsforvaltning Ake ?\""), std::string::npos)
      << decision.text;
  EXPECT_LE(decision.text.size() + 10, 510u);
  EXPECT_TRUE(std::holds_alternative<Packet>(
      milter::reply_code(decision.code, decision.enhanced, decision.text)));
}

}  // namespace
}  // namespace galguard::server
