// Smoke tests of the real peers themselves (no galguard involved): the private Postfix in each
// mode, smtp-sink, and the helpers in peers.hpp. If these fail, the galguard integration tests
// built on them mean nothing.
#include "tests/integration/peers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace peers = galguard::testing;
using namespace std::chrono_literals;

#define SKIP_WITHOUT_PEERS()                                                                   \
  do {                                                                                         \
    if (const std::string why = peers::peers_unavailable(); !why.empty()) GTEST_SKIP() << why; \
  } while (false)

// A body with what a relay must carry unchanged: lines starting with dots (one is only "."),
// UTF-8, tabs, trailing white space, empty lines, a "From " line and a 900-octet line.
std::string test_body() {
  std::string body;
  body += "Hej Anna,\n";
  body += "\n";
  body += ".\n";
  body += "..two dots\n";
  body += ".one dot\n";
  body += "Skärholmen, Malmö, Ærø, Þórshöfn: ÅÄÖ åäö\n";
  body += "\ttab first, trailing spaces   \n";
  body += "From the desk of the DPO\n";
  body += std::string(900, 'x') + "\n";
  body += "\n";
  body += "-- \n";
  body += "last line\n";
  return body;
}

std::string test_message(const std::string& subject, const std::string& body) {
  std::string message =
      "From: Anna Andersson <anna.andersson@stockholm.example>\r\n"
      "To: Erik Johansson <erik.johansson@stockholm.example>\r\n";
  message += "Subject: " + subject + "\r\n";
  message +=
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: 8bit\r\n"
      "\r\n";
  return message + body;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Helpers, SmtpDataNormalisesLineEndsAndStuffsDots) {
  EXPECT_EQ(peers::smtp_data("a\nb\r\n.\n..x"), "a\r\nb\r\n..\r\n...x\r\n.\r\n");
  EXPECT_EQ(peers::smtp_data(""), ".\r\n");
}

TEST(Helpers, ParseSinkFileSplitsSinkLinesHeaderAndBody) {
  const std::string dump =
      "X-Client-Addr: 127.0.0.1\n"
      "X-Client-Proto: ESMTP\n"
      "X-Helo-Args: postfix-peer.galguard.test\n"
      "X-Mail-Args: <a@example.org> BODY=8BITMIME\n"
      "X-Rcpt-Args: <b@example.net> ORCPT=rfc822;b@example.net\n"
      "X-Rcpt-Args: <c@example.net>\n"
      "Received: from postfix-peer.galguard.test ([127.0.0.1])\n"
      "\tby smtp-sink (smtp-sink) with ESMTP id 4d5f6a8a;\n"
      "\tWed, 25 Nov 2026 14:22:31 +0000 (UTC)\n"
      "Received: from x\n"
      "\tby postfix-peer.galguard.test (Postfix)\n"
      "Subject: hi\n"
      "\n"
      "line1\n"
      "\n";
  const peers::SinkMessage message = peers::parse_sink_file(dump);
  EXPECT_EQ(message.mail_args, "<a@example.org> BODY=8BITMIME");
  EXPECT_EQ(
      message.rcpt_args,
      (std::vector<std::string>{"<b@example.net> ORCPT=rfc822;b@example.net", "<c@example.net>"}));
  EXPECT_EQ(message.header,
            "Received: from x\n\tby postfix-peer.galguard.test (Postfix)\nSubject: hi\n");
  EXPECT_EQ(message.body, "line1\n");
}

TEST(Helpers, FreePortsDiffer) {
  const std::uint16_t a = peers::free_port();
  const std::uint16_t b = peers::free_port();
  EXPECT_NE(a, 0);
  EXPECT_NE(a, b);
}

// Plain Postfix -> smtp-sink: the message arrives once, the body octet for octet (line ends
// aside: smtp-sink writes LF), the envelope as given.
TEST(PostfixPeer, PlainModeDeliversBodyUnchanged) {
  SKIP_WITHOUT_PEERS();
  peers::SmtpSink sink;
  peers::PostfixPeer postfix(peers::PostfixMode::plain, {.sink = sink.port()});

  const std::string body = test_body();
  const std::string reply =
      postfix.inject(test_message("plain", body), "anna.andersson@stockholm.example",
                     {"erik.johansson@stockholm.example"});
  EXPECT_EQ(peers::reply_code(reply), 250) << reply;
  ASSERT_TRUE(sink.wait_for_count(1, 20s)) << "nothing reached the sink";
  EXPECT_TRUE(peers::wait_until([&] { return postfix.queue_count() == 0; }, 10s));

  const std::vector<std::string> messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  const peers::SinkMessage message = peers::parse_sink_file(messages[0]);
  EXPECT_EQ(message.body, body);
  EXPECT_TRUE(contains(message.mail_args, "<anna.andersson@stockholm.example>"))
      << message.mail_args;
  EXPECT_TRUE(contains(message.mail_args, "BODY=8BITMIME")) << message.mail_args;
  ASSERT_EQ(message.rcpt_args.size(), 1u);
  EXPECT_TRUE(contains(message.rcpt_args[0], "<erik.johansson@stockholm.example>"));
  EXPECT_TRUE(contains(message.header, "Subject: plain\n")) << message.header;
  EXPECT_TRUE(contains(message.header, "by postfix-peer.galguard.test (Postfix)"));

  // The scripts count as the helpers do.
  const peers::CommandResult counted = peers::run_command(
      {std::string(GALGUARD_PEERS_DIR) + "/smtp-sink-peer", "count", sink.dir()});
  EXPECT_EQ(counted.exit_code, 0) << counted.output;
  EXPECT_EQ(counted.output, "1\n");
  EXPECT_TRUE(postfix.wait_for_log("status=sent"));
}

// Content filter configured but nothing listening on the filter port: Postfix still accepts
// the message (250), keeps it in the queue and logs why; the sink gets nothing.
TEST(PostfixPeer, ContentFilterDownKeepsMessageQueued) {
  SKIP_WITHOUT_PEERS();
  peers::SmtpSink sink;
  peers::PostfixPeer postfix(peers::PostfixMode::content_filter, {.sink = sink.port()});
  const std::string refused =
      "connect to 127.0.0.1[127.0.0.1]:" + std::to_string(postfix.ports().filter) +
      ": Connection refused";

  const std::string reply =
      postfix.inject(test_message("filter down", test_body()), "anna.andersson@stockholm.example",
                     {"erik.johansson@stockholm.example"});
  EXPECT_EQ(peers::reply_code(reply), 250) << reply;
  EXPECT_TRUE(postfix.wait_for_log(refused)) << "no '" << refused << "' in the log";
  EXPECT_TRUE(postfix.wait_for_log("status=deferred"));
  EXPECT_EQ(postfix.queue_count(), 1);

  // Still there after the next retry, and after an explicit flush.
  const auto attempts = [&] {
    const std::string log = postfix.log();
    int n = 0;
    for (auto at = log.find(refused); at != std::string::npos; at = log.find(refused, at + 1))
      ++n;
    return n;
  };
  const int before = attempts();
  postfix.flush();
  EXPECT_TRUE(peers::wait_until([&] { return attempts() > before; }, 15s))
      << "flush did not make Postfix try the filter again";
  EXPECT_EQ(postfix.queue_count(), 1);
  EXPECT_EQ(sink.count(), 0);
}

// Before-queue proxy filter down: the client is told to come back later (4xx) and nothing is
// queued; no postmaster notice reaches the sink either.
TEST(PostfixPeer, ProxyFilterDownTempfailsTheClient) {
  SKIP_WITHOUT_PEERS();
  peers::SmtpSink sink;
  peers::PostfixPeer postfix(peers::PostfixMode::proxy_filter, {.sink = sink.port()});

  const std::string reply =
      postfix.inject(test_message("proxy down", test_body()), "anna.andersson@stockholm.example",
                     {"erik.johansson@stockholm.example"});
  EXPECT_EQ(peers::reply_code(reply) / 100, 4) << reply;
  EXPECT_TRUE(postfix.wait_for_log("connect to proxy filter 127.0.0.1:" +
                                   std::to_string(postfix.ports().filter)));
  EXPECT_TRUE(postfix.wait_for_log("proxy-reject: END-OF-MESSAGE: 451"));
  EXPECT_EQ(postfix.queue_count(), 0);
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(sink.count(), 0);
}

// What the filter relays to in either mode: the re-injection / after-filter smtpd takes mail
// from loopback and delivers it to the sink without sending it to the filter again.
void expect_reinjection_reaches_sink(peers::PostfixMode mode) {
  peers::SmtpSink sink;
  peers::PostfixPeer postfix(mode, {.sink = sink.port()});

  const std::string body = test_body();
  const std::string reply =
      peers::send_message(postfix.ports().reinject, test_message("reinjected", body),
                          "anna.andersson@stockholm.example", {"erik.johansson@stockholm.example"});
  EXPECT_EQ(peers::reply_code(reply), 250) << reply;
  ASSERT_TRUE(sink.wait_for_count(1, 20s)) << "nothing reached the sink";
  const std::vector<std::string> messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(peers::parse_sink_file(messages[0]).body, body);
  EXPECT_TRUE(postfix.wait_for_log("postfix/reinject/smtpd"));
  EXPECT_TRUE(postfix.wait_for_log("status=sent"));
  const std::string log = postfix.log();
  EXPECT_FALSE(contains(log, "postfix/scan/")) << log;
  EXPECT_FALSE(contains(log, "proxy filter")) << log;
}

TEST(PostfixPeer, ContentFilterReinjectionPortDeliversWithoutFilter) {
  SKIP_WITHOUT_PEERS();
  expect_reinjection_reaches_sink(peers::PostfixMode::content_filter);
}

TEST(PostfixPeer, ProxyFilterAfterFilterPortDeliversWithoutFilter) {
  SKIP_WITHOUT_PEERS();
  expect_reinjection_reaches_sink(peers::PostfixMode::proxy_filter);
}

// The scripts refuse a port that is already taken, with a message saying so.
TEST(PostfixPeer, RefusesPortInUse) {
  SKIP_WITHOUT_PEERS();
  peers::SmtpSink sink;
  try {
    peers::PostfixPeer postfix(peers::PostfixMode::plain,
                               {.smtpd = sink.port(), .sink = peers::free_port()});
    FAIL() << "postfix-peer started on a port in use";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "already in use")) << e.what();
  }
  try {
    peers::SmtpSink second(sink.port());
    FAIL() << "smtp-sink-peer started on a port in use";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), "already in use")) << e.what();
  }
}

// Stopped sink: Postfix defers; sink back and a flush: the message arrives.
TEST(SmtpSink, RestartsOnTheSamePort) {
  SKIP_WITHOUT_PEERS();
  peers::SmtpSink sink;
  peers::PostfixPeer postfix(peers::PostfixMode::plain, {.sink = sink.port()});
  sink.stop();

  const std::string reply =
      postfix.inject(test_message("sink down", "body\n"), "anna.andersson@stockholm.example",
                     {"erik.johansson@stockholm.example"});
  EXPECT_EQ(peers::reply_code(reply), 250) << reply;
  EXPECT_TRUE(postfix.wait_for_log("status=deferred"));
  EXPECT_EQ(postfix.queue_count(), 1);

  sink.start();
  postfix.flush();
  EXPECT_TRUE(sink.wait_for_count(1, 20s));
  EXPECT_TRUE(peers::wait_until([&] { return postfix.queue_count() == 0; }, 10s));
}

}  // namespace
