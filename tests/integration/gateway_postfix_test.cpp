// The real deployment: Postfix hands every message to galguard (content_filter, after queue;
// smtpd_proxy_filter, before queue), galguard relays clean mail to Postfix's re-injection smtpd,
// which delivers to smtp-sink. What must hold: the reference case is held, clean mail arrives
// unchanged, release delivers, and no message is ever lost — not with the next hop down, not
// with galguard killed mid-burst.
#include <signal.h>

#include <regex>
#include <set>
#include <thread>

#include "tests/integration/gateway_fixture.hpp"

namespace galguard::testing {
namespace {

using namespace std::chrono_literals;

const std::string kClean = sample("messages/05-processor-ok.eml");
const std::string kReference = sample("messages/01-skarholmen-incident.eml");
const std::string kCleanRcpt = "servicedesk.stockholm@fujitsu.com";
const std::string kReferenceRcpt = "m.exempel@elevstockholm.onmicrosoft.com";

class PostfixGatewayTest : public ::testing::Test {
 protected:
  void start(PostfixMode mode, std::map<std::string, std::string> sections = {}) {
    if (const std::string why = peers_unavailable(); !why.empty()) GTEST_SKIP() << why;
    sink_ = std::make_unique<SmtpSink>();
    PostfixPorts ports;
    ports.sink = sink_->port();
    ports.filter = free_port();
    ports.reinject = free_port();
    postfix_ = std::make_unique<PostfixPeer>(mode, ports);
    sections_ = std::move(sections);
    if (mode == PostfixMode::proxy_filter) sections_["smtp"] += "\nmode = \"before-queue\"";
    if (sections_["relay"].find("next_hop") == std::string::npos)
      sections_["relay"] +=
          "\nnext_hop = \"127.0.0.1:" + std::to_string(postfix_->ports().reinject) + "\"";
    start_gateway();
  }

  void start_gateway() {
    gateway_ = std::make_unique<GalguardProcess>(dir_.path() + "/galguard",
                                                 postfix_->ports().filter, sections_);
    gateway_->start();
  }

  void TearDown() override {
    if (HasFailure() && gateway_)
      std::cerr << "---- galguard log ----\n"
                << detail::tail_lines(gateway_->log(), 40) << "----\n";
  }

  nlohmann::json quarantine_list() {
    int status = 0;
    const std::string out =
        gateway_->cli("quarantine list --state all --limit 100000 --json", &status);
    EXPECT_EQ(status, 0) << out;
    return nlohmann::json::parse(out, nullptr, false);
  }

  std::size_t held_count() {
    const auto list = quarantine_list();
    return list.is_array() ? list.size() : 0;
  }

  detail::TempDir dir_;
  std::unique_ptr<SmtpSink> sink_;
  std::unique_ptr<PostfixPeer> postfix_;
  std::map<std::string, std::string> sections_;
  std::unique_ptr<GalguardProcess> gateway_;
};

// The original header lines, in order, are all in what arrived (Postfix adds Received lines).
void expect_original_headers_kept(const SinkMessage& got, const std::string& original) {
  const std::string header = original.substr(0, original.find("\n\n") + 1);
  std::istringstream lines(header);
  std::size_t at = 0;
  for (std::string line; std::getline(lines, line);) {
    const std::size_t found = got.header.find(line + "\n", at);
    EXPECT_NE(found, std::string::npos) << "missing or reordered: " << line;
    if (found != std::string::npos) at = found + line.size();
  }
}

TEST_F(PostfixGatewayTest, ContentFilterHoldsTheReferenceCaseDeliversCleanMailAndReleases) {
  start(PostfixMode::content_filter);
  EXPECT_EQ(reply_code(postfix_->inject(kClean, kFrom, {kCleanRcpt})), 250);
  EXPECT_EQ(reply_code(postfix_->inject(kReference, kFrom, {kReferenceRcpt})), 250);

  ASSERT_TRUE(sink_->wait_for_count(1, 20s)) << postfix_->log();
  const SinkMessage clean = parse_sink_file(sink_->messages().front());
  EXPECT_EQ(clean.body, kClean.substr(kClean.find("\n\n") + 2)) << "the body byte for byte";
  expect_original_headers_kept(clean, kClean);

  ASSERT_TRUE(wait_until([&] { return held_count() == 1; }, 20s));
  EXPECT_TRUE(postfix_->wait_for_log("held for review as"));
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(sink_->count(), 1) << "the reference case must not reach the sink";
  const auto held = quarantine_list()[0];
  EXPECT_EQ(held["state"], "held");
  const std::string id = held["id"];
  // XFORWARD from Postfix: the client that submitted the mail, not Postfix's smtp client.
  EXPECT_TRUE(wait_until(
      [&] { return gateway_->log().find("client=unknown[127.0.0.1]") != std::string::npos; }, 5s));

  int status = 0;
  const std::string released = gateway_->cli(
      "quarantine release " + id + " --reason 'confirmed with the sender' --actor dpo", &status);
  EXPECT_EQ(status, 0) << released;
  ASSERT_TRUE(sink_->wait_for_count(2, 20s)) << postfix_->log();
  const SinkMessage delivered = parse_sink_file(sink_->messages().back());
  EXPECT_NE(delivered.header.find("X-Galguard-Released:"), std::string::npos) << delivered.header;
  EXPECT_NE(delivered.header.find("dpo"), std::string::npos);
  EXPECT_EQ(delivered.body, kReference.substr(kReference.find("\n\n") + 2));
  EXPECT_EQ(quarantine_list()[0]["state"], "released");
}

TEST_F(PostfixGatewayTest, ContentFilterHoldsABccThatOnlyTheEnvelopeNames) {
  // The sender's client put the Skärholmen entry's student mailbox on Bcc: the headers name only
  // the processor, the envelope carries both. Nothing of the message may reach the sink.
  start(PostfixMode::content_filter);
  EXPECT_EQ(reply_code(postfix_->inject(kClean, kFrom, {kCleanRcpt, kReferenceRcpt})), 250);
  ASSERT_TRUE(wait_until([&] { return held_count() == 1; }, 20s)) << gateway_->log();
  const auto held = quarantine_list()[0];
  std::vector<std::string> rcpts = held["rcpt_to"];
  std::sort(rcpts.begin(), rcpts.end());
  EXPECT_EQ(rcpts, (std::vector<std::string>{kReferenceRcpt, kCleanRcpt}));
  EXPECT_NE(held["codes"].dump().find("flagged-entry-address"), std::string::npos) << held.dump();
  EXPECT_TRUE(wait_until(
      [&] {
        return gateway_->log().find("findings=flagged-entry-address:<" + kReferenceRcpt + ">") !=
               std::string::npos;
      },
      5s))
      << gateway_->log();
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(sink_->count(), 0) << "not even the processor's copy leaves: one decision a message";
}

TEST_F(PostfixGatewayTest, NextHopDownLeavesTheMessageInPostfixsQueueUntilItIsBack) {
  const std::uint16_t closed = free_port();
  start(PostfixMode::content_filter,
        {{"relay", "next_hop = \"127.0.0.1:" + std::to_string(closed) + "\""}});
  EXPECT_EQ(reply_code(postfix_->inject(kClean, kFrom, {kCleanRcpt})), 250);
  ASSERT_TRUE(postfix_->wait_for_log("451 4.4.1", 20s)) << postfix_->log();
  EXPECT_EQ(postfix_->queue_count(), 1) << "deferred, not lost";
  EXPECT_EQ(sink_->count(), 0);
  EXPECT_EQ(held_count(), 0u);

  gateway_->kill(SIGTERM);
  sections_["relay"] =
      "next_hop = \"127.0.0.1:" + std::to_string(postfix_->ports().reinject) + "\"";
  start_gateway();
  postfix_->flush();
  EXPECT_TRUE(sink_->wait_for_count(1, 30s)) << postfix_->log();
  EXPECT_TRUE(wait_until([&] { return postfix_->queue_count() == 0; }, 20s));
}

TEST_F(PostfixGatewayTest, ProxyFilterRefusesTheReferenceCaseToTheSenderAtOnce) {
  start(PostfixMode::proxy_filter);
  const std::string refused = postfix_->inject(kReference, kFrom, {kReferenceRcpt});
  EXPECT_EQ(refused.substr(0, 9), "550 5.7.1") << refused;
  EXPECT_EQ(held_count(), 1u) << "kept for the DPO all the same";
  EXPECT_EQ(reply_code(postfix_->inject(kClean, kFrom, {kCleanRcpt})), 250);
  EXPECT_TRUE(sink_->wait_for_count(1, 20s)) << postfix_->log();
  EXPECT_EQ(postfix_->queue_count() + sink_->count(), 1);
}

// smtp-source -N numbers each recipient ("17c@fujitsu.com"), so every message can be counted.
std::vector<int> numbers(const std::vector<std::string>& addresses, const std::string& suffix) {
  std::vector<int> out;
  static const std::regex numbered(R"(<?(\d+)(.*?)>?)");
  for (const auto& address : addresses) {
    std::smatch m;
    if (std::regex_match(address, m, numbered) && m[2] == suffix) out.push_back(std::stoi(m[1]));
  }
  return out;
}

struct Tally {
  std::size_t total = 0;
  std::set<int> unique;
};

Tally tally(const std::vector<int>& seen) {
  return {seen.size(), std::set<int>(seen.begin(), seen.end())};
}

TEST_F(PostfixGatewayTest, SigkillDuringABurstLosesNothing) {
  start(PostfixMode::content_filter);
  const std::string clean_file = dir_.path() + "/clean.eml";
  const std::string held_file = dir_.path() + "/held.eml";
  std::ofstream(clean_file) << kClean;
  std::ofstream(held_file) << kReference;
  constexpr int kCleanCount = 1600;
  constexpr int kHeldCount = 400;
  const std::string target = "127.0.0.1:" + std::to_string(postfix_->ports().smtpd);
  std::thread clean_source([&] {
    run_command({"/usr/sbin/smtp-source", "-s", "10", "-m", std::to_string(kCleanCount), "-N", "-d",
                 "-F", clean_file, "-f", kFrom, "-t", "c@fujitsu.com", target});
  });
  std::thread held_source([&] {
    run_command({"/usr/sbin/smtp-source", "-s", "5", "-m", std::to_string(kHeldCount), "-N", "-d",
                 "-F", held_file, "-f", kFrom, "-t", "h@elevstockholm.onmicrosoft.com", target});
  });
  // Kill while mail is flowing through galguard, not before or after.
  ASSERT_TRUE(sink_->wait_for_count(200, 60s)) << postfix_->log();
  gateway_->kill(SIGKILL);
  clean_source.join();
  held_source.join();
  start_gateway();
  postfix_->flush();

  const std::size_t expected = kCleanCount + kHeldCount;
  // A message Postfix deferred while galguard was down waits for its backoff, and a queue run can
  // pass it over; flush every 15 s as an operator would, instead of waiting for Postfix's timers.
  int polls = 0;
  const bool drained = wait_until(
      [&] {
        if (++polls % 15 == 0) postfix_->flush();
        return postfix_->queue_count() == 0 &&
               static_cast<std::size_t>(sink_->count()) + held_count() >= expected;
      },
      180s, 1s);
  std::vector<std::string> delivered, held;
  for (const auto& text : sink_->messages())
    for (const auto& rcpt : parse_sink_file(text).rcpt_args)
      delivered.push_back(rcpt.substr(0, rcpt.find(' ')));
  for (const auto& message : quarantine_list())
    for (const auto& rcpt : message["rcpt_to"])
      held.push_back(rcpt.get<std::string>());
  const Tally clean = tally(numbers(delivered, "c@fujitsu.com"));
  const Tally caught = tally(numbers(held, "h@elevstockholm.onmicrosoft.com"));
  std::cout << "burst: " << clean.unique.size() << " clean delivered (" << clean.total
            << " with duplicates), " << caught.unique.size() << " held (" << caught.total
            << "), Postfix queue " << postfix_->queue_count() << "\n";
  EXPECT_TRUE(drained);
  EXPECT_EQ(clean.unique.size(), static_cast<std::size_t>(kCleanCount)) << "none missing";
  EXPECT_EQ(caught.unique.size(), static_cast<std::size_t>(kHeldCount)) << "none missing";
  EXPECT_TRUE(numbers(delivered, "h@elevstockholm.onmicrosoft.com").empty())
      << "nothing suspicious got through";
  EXPECT_TRUE(numbers(held, "c@fujitsu.com").empty());
  // At least once: only what was in flight at the kill (at most one per scan process, 10) may
  // arrive twice.
  EXPECT_LE(clean.total - clean.unique.size() + caught.total - caught.unique.size(), 10u);
}

}  // namespace
}  // namespace galguard::testing
