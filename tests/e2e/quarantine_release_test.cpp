// `galguard quarantine release` through a real release relay: Postfix's smtp-sink, which dumps
// every message it accepts into a file. The released bytes must be the held bytes plus one
// trace field; the state changes only after the relay's 250.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>
#include <vector>

#include "tests/e2e/quarantine_fixture.hpp"
#include "tests/integration/peers.hpp"

namespace galguard::e2e {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// smtp-sink writes LF line ends into its dump file.
std::string without_cr(const std::string& text) {
  std::string out;
  for (const char c : text)
    if (c != '\r') out += c;
  return out;
}

class QuarantineCliRelease : public QuarantineFixture {
 protected:
  void SetUp() override {
    QuarantineFixture::SetUp();
    if (HasFatalFailure()) return;
    if (const std::string why = testing::peers_unavailable(); !why.empty()) GTEST_SKIP() << why;
  }

  // Postfix's smtp-sink on the release port (tests/peers/smtp-sink-peer); `reject` lists the
  // commands it refuses with 5xx.
  void start_sink(const std::string& reject = "") {
    sink_ = std::make_unique<testing::SmtpSink>(release_port_);
    if (!reject.empty()) sink_->restart_rejecting(reject);
  }

  std::vector<std::string> dumps() const {
    return sink_ ? sink_->messages() : std::vector<std::string>{};
  }

  // The one message the sink received, once smtp-sink has written all of it.
  std::string the_dump() {
    EXPECT_TRUE(sink_->wait_for_count(1, std::chrono::seconds(5)));
    const std::vector<std::string> got = dumps();
    EXPECT_EQ(got.size(), 1U);
    return got.empty() ? "" : got[0];
  }

  // The X-Galguard-Released field unfolded, and the message after it.
  struct Released {
    std::string field;
    std::string rest;
  };
  static Released split_trace(const std::string& dump) {
    Released out;
    const auto start = dump.find("X-Galguard-Released:");
    if (start == std::string::npos) return out;
    auto end = dump.find('\n', start);
    while (end != std::string::npos && end + 1 < dump.size() &&
           (dump[end + 1] == ' ' || dump[end + 1] == '\t'))
      end = dump.find('\n', end + 1);
    std::string folded = dump.substr(start, end - start);
    for (std::size_t i = 0; i < folded.size(); ++i)
      if (folded[i] != '\n') out.field += folded[i];
    out.rest = dump.substr(end + 1);
    return out;
  }

  // The physical lines of the X-Galguard-Released field, as folded.
  static std::vector<std::string> trace_lines(const std::string& dump) {
    std::vector<std::string> out;
    auto start = dump.find("X-Galguard-Released:");
    while (start != std::string::npos && start < dump.size()) {
      const auto end = dump.find('\n', start);
      out.push_back(dump.substr(start, end - start));
      if (end == std::string::npos || end + 1 >= dump.size() ||
          (dump[end + 1] != ' ' && dump[end + 1] != '\t'))
        break;
      start = end + 1;
    }
    return out;
  }

  std::string relay() const { return "127.0.0.1:" + std::to_string(release_port_); }

  std::unique_ptr<testing::SmtpSink> sink_;
};

json actions_of(QuarantineFixture& t, const std::string& id) {
  CliRun run = t.quarantine("show --json " + id);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return json::parse(run.out)["actions"];
}

TEST_F(QuarantineCliRelease, ReinjectsTheOriginalBytesWithATraceField) {
  const std::string id = seed();
  start_sink();
  CliRun run =
      quarantine("release " + id + " --actor dpo-anna --reason 'recipient confirmed by phone'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("released " + id + " to " + relay() + ": 250 ", 0), 0U) << run.out;

  const std::string dump = the_dump();
  EXPECT_NE(dump.find(std::string("X-Mail-Args: <") + kSender + ">"), std::string::npos) << dump;
  EXPECT_NE(dump.find(std::string("X-Rcpt-Args: <") + kRecipient + ">"), std::string::npos);
  const Released released = split_trace(dump);
  EXPECT_TRUE(std::regex_match(
      released.field,
      std::regex(std::string("X-Galguard-Released: held ") + kReceivedIso + " as " + id +
                 "; released by dpo-anna at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ; reason: "
                 "recipient confirmed by phone")))
      << released.field;
  // The held bytes, unchanged (smtp-sink stores LF and may add one empty line at the end).
  const std::string want = without_cr(raw_);
  EXPECT_EQ(released.rest.substr(0, want.size()), want);
  EXPECT_LE(released.rest.size(), want.size() + 1);

  EXPECT_EQ(json::parse(quarantine("list --json --state released").out)[0]["id"], id);
  const json actions = actions_of(*this, id);
  ASSERT_EQ(actions.size(), 2U);
  EXPECT_EQ(actions[1]["action"], "released");
  EXPECT_EQ(actions[1]["actor"], "dpo-anna");
  EXPECT_EQ(actions[1]["reason"], "recipient confirmed by phone");

  CliRun again = quarantine("release " + id + " --reason 'once more'");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("is released; only a held message can become released"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(dumps().size(), 1U);  // nothing sent the second time
  EXPECT_EQ(quarantine("verify").exit_code, 0);
}

TEST_F(QuarantineCliRelease, AReasonCannotAddHeaderLines) {
  const std::string id = seed();
  start_sink();
  // A newline inside the quotes reaches galguard as part of the argument.
  CliRun run = quarantine("release " + id +
                          " --actor dpo-anna --reason 'looks fine\r\nBcc: evil@example.org'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string dump = the_dump();
  EXPECT_EQ(dump.find("\nBcc:"), std::string::npos) << dump;
  const Released released = split_trace(dump);
  EXPECT_NE(released.field.find("; reason: looks fine Bcc: evil@example.org"), std::string::npos)
      << released.field;
  for (const std::string& line : trace_lines(dump))
    EXPECT_LE(line.size(), 78U) << line;
  EXPECT_EQ(actions_of(*this, id)[1]["reason"], "looks fine Bcc: evil@example.org");
}

TEST_F(QuarantineCliRelease, ANonAsciiReasonIsEncodedAsRfc2047) {
  const std::string id = seed();
  start_sink();
  CliRun run = quarantine("release " + id + " --actor dpo-anna --reason 'mottagaren bekräftad'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Released released = split_trace(the_dump());
  EXPECT_NE(released.field.find("; reason: =?UTF-8?B?bW90dGFnYXJlbiBiZWtyw6RmdGFk?="),
            std::string::npos)
      << released.field;
  for (const char c : released.field)
    EXPECT_LT(static_cast<unsigned char>(c), 0x80) << released.field;
  // The log keeps the words as typed.
  EXPECT_EQ(actions_of(*this, id)[1]["reason"], "mottagaren bekräftad");
}

TEST_F(QuarantineCliRelease, ALongReasonIsFoldedIntoShortLines) {
  const std::string id = seed();
  start_sink();
  std::string reason;
  for (int i = 0; i < 40; ++i)
    reason += "confirmed ";
  reason += "ändå";  // and one non-ASCII word: the whole reason is encoded, in several words
  CliRun run = quarantine("release " + id + " --actor dpo-anna --reason '" + reason + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = trace_lines(the_dump());
  EXPECT_GT(lines.size(), 5U);
  for (const std::string& line : lines)
    EXPECT_LE(line.size(), 78U) << line;
  EXPECT_EQ(lines.back().substr(lines.back().size() - 2), "?=");
}

TEST_F(QuarantineCliRelease, ARelayThatRefusesLeavesTheMessageHeld) {
  const std::string id = seed();
  start_sink("RCPT");
  CliRun run = quarantine("release " + id + " --actor dpo-anna --reason 'recipient confirmed'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(
      run.err.rfind("galguard quarantine: error: release relay " + relay() + " refused: 5", 0), 0U)
      << run.err;
  EXPECT_NE(run.err.find("message " + id + " stays held"), std::string::npos) << run.err;
  EXPECT_EQ(json::parse(quarantine("list --json").out)[0]["state"], "held");
  EXPECT_EQ(actions_of(*this, id).size(), 1U);
}

TEST_F(QuarantineCliRelease, ARelayThatIsDownLeavesTheMessageHeld) {
  const std::string id = seed();  // nothing listens on the release port
  CliRun run = quarantine("release " + id + " --actor dpo-anna --reason 'recipient confirmed'");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(
      run.err.rfind("galguard quarantine: error: release relay " + relay() + " unavailable: 4", 0),
      0U)
      << run.err;
  EXPECT_EQ(json::parse(quarantine("list --json").out)[0]["state"], "held");
  const json actions = actions_of(*this, id);
  ASSERT_EQ(actions.size(), 1U);
  EXPECT_EQ(actions[0]["action"], "held");
}

}  // namespace
}  // namespace galguard::e2e
