// The client against the in-process hop: what reaches the hop, and the Outcome for each reply
// it can give.
#include <gtest/gtest.h>

#include <string>

#include "fake_hop.hpp"

namespace galguard::relay::testing {
namespace {

using Kind = Outcome::Kind;

Outcome send_one(asio::io_context& io, Client& client, Transaction t) {
  return run_until_done(io, client.send(std::move(t)));
}

// A hop that answers every command with this verb with `reply` (wire form, CRLF included).
Script refusing(std::string verb, std::string reply) {
  Script script;
  script.hook = [verb = std::move(verb),
                 reply = std::move(reply)](const Event& e) -> std::optional<std::string> {
    if (e.verb == verb) return reply;
    return std::nullopt;
  };
  return script;
}

TEST(RelayClient, AcceptedMessageArrivesByteExact) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  // Lines that start with a dot, a line that is only a dot, and one that looks like the end.
  const std::string message =
      "Subject: dots\r\n\r\n.leading\r\n..two\r\n.\r\nmiddle . \r\n\r\n.\r\n..\r\nend\r\n";
  const Outcome outcome = send_one(io, client, transaction(message));
  EXPECT_EQ(outcome.kind, Kind::accepted);
  EXPECT_EQ(outcome.reply, (smtp::Reply{250, "2.0.0", {"Ok: queued as FAKE"}}));
  EXPECT_EQ(outcome.relay, hop.endpoint().text());
  ASSERT_EQ(hop.record().messages.size(), 1u);
  EXPECT_EQ(hop.record().messages[0], message);
  EXPECT_TRUE(hop.record().saw("EHLO gateway.example"));
  EXPECT_TRUE(
      hop.record().saw("MAIL FROM:<alice@example.org> SIZE=" + std::to_string(message.size())));
  EXPECT_TRUE(hop.record().saw("RCPT TO:<bob@example.org>"));
}

TEST(RelayClient, BareLineFeedsBecomeCrlfAndTheLastLineIsEnded) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  const std::string message = "Subject: lf\n\n.dot\nlast line";
  EXPECT_EQ(send_one(io, client, transaction(message)).kind, Kind::accepted);
  ASSERT_EQ(hop.record().messages.size(), 1u);
  EXPECT_EQ(hop.record().messages[0], "Subject: lf\r\n\r\n.dot\r\nlast line\r\n");
}

TEST(RelayClient, LargeMessageIsStreamed) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  std::string message = "Subject: big\r\n\r\n";
  while (message.size() < 3 * 1024 * 1024)
    message += ".line " + std::to_string(message.size()) + " of a large message\r\n";
  EXPECT_EQ(send_one(io, client, transaction(message)).kind, Kind::accepted);
  ASSERT_EQ(hop.record().messages.size(), 1u);
  EXPECT_TRUE(hop.record().messages[0] == message);  // not EXPECT_EQ: 3 MiB in a failure
}

TEST(RelayClient, PipeliningSendsTheEnvelopeInOneWrite) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome = send_one(
      io, client, transaction(kMessage, {"b@example.org", "c@example.org", "d@example.org"}));
  EXPECT_EQ(outcome.kind, Kind::accepted);
  bool one_write = false;
  for (const std::string& chunk : hop.record().chunks)
    if (chunk.starts_with("MAIL FROM:"))
      one_write = chunk == "MAIL FROM:<alice@example.org> SIZE=" + std::to_string(kMessage.size()) +
                               "\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\n"
                               "RCPT TO:<d@example.org>\r\nDATA\r\n";
  EXPECT_TRUE(one_write);
}

// RFC 2920 deadlock avoidance: a long envelope goes in groups of kPipelineGroup commands, the
// replies of one group read before the next is written.
TEST(RelayClient, ManyRecipientsArePipelinedInGroups) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  std::vector<std::string> recipients;
  for (int i = 0; i < 250; ++i)
    recipients.push_back("r" + std::to_string(i) + "@example.org");
  EXPECT_EQ(send_one(io, client, transaction(kMessage, recipients)).kind, Kind::accepted);
  EXPECT_EQ(hop.record().count("RCPT TO:"), 250u);
  std::size_t in_first_write = 0;
  for (const std::string& chunk : hop.record().chunks) {
    if (!chunk.starts_with("MAIL FROM:")) continue;
    for (std::size_t at = chunk.find("RCPT TO:"); at != std::string::npos;
         at = chunk.find("RCPT TO:", at + 1))
      ++in_first_write;
  }
  EXPECT_EQ(in_first_write, 99u);  // MAIL and 99 RCPT make the first group of 100
}

TEST(RelayClient, WithoutPipeliningOneCommandAtATime) {
  asio::io_context io;
  Script script;
  script.ehlo = {"8BITMIME", "ENHANCEDSTATUSCODES"};
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome =
      send_one(io, client, transaction(kMessage, {"b@example.org", "c@example.org"}));
  EXPECT_EQ(outcome.kind, Kind::accepted);
  EXPECT_EQ(hop.record().messages.size(), 1u);
  for (const std::string& chunk : hop.record().chunks) {
    if (chunk.starts_with("MAIL") || chunk.starts_with("RCPT") || chunk.starts_with("DATA")) {
      EXPECT_EQ(chunk.find("\r\n"), chunk.size() - 2) << chunk;
    }
  }
  EXPECT_TRUE(hop.record().saw("MAIL FROM:<alice@example.org>"));
  EXPECT_FALSE(hop.record().saw("MAIL FROM:<alice@example.org> SIZE"));  // SIZE not offered
}

TEST(RelayClient, RejectedRecipientIsRefusedWithTheHopsReply) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.line == "RCPT TO:<bob@example.org>")
      return "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::refused);
  EXPECT_EQ(
      outcome.reply,
      (smtp::Reply{550, "5.1.1", {"<bob@example.org>: Recipient address rejected: User unknown"}}));
  EXPECT_TRUE(hop.record().saw("RSET"));
  EXPECT_TRUE(hop.record().messages.empty());
  // The RSET left the connection clean: the next message goes over it.
  EXPECT_EQ(send_one(io, client, transaction(kMessage, {"carol@example.org"})).kind,
            Kind::accepted);
  EXPECT_EQ(hop.record().connections, 1u);
  EXPECT_EQ(hop.record().messages.size(), 1u);
}

TEST(RelayClient, TempfailedRecipientIsRefusedWith451) {
  asio::io_context io;
  FakeHop hop(io, refusing("RCPT", "451 4.7.1 Service unavailable - try again later\r\n"));
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::refused);
  EXPECT_EQ(outcome.reply, (smtp::Reply{451, "4.7.1", {"Service unavailable - try again later"}}));
  EXPECT_TRUE(hop.record().messages.empty());
}

// A 5xx for one recipient and a 4xx for another: the 4xx wins, with and without PIPELINING.
TEST(RelayClient, MixedRefusalsPreferTheTempfail) {
  for (const bool pipelining : {true, false}) {
    SCOPED_TRACE(pipelining);
    asio::io_context io;
    Script script;
    if (!pipelining) script.ehlo = {"ENHANCEDSTATUSCODES"};
    script.hook = [](const Event& e) -> std::optional<std::string> {
      if (e.line == "RCPT TO:<gone@example.org>") return "550 5.1.1 gone\r\n";
      if (e.line == "RCPT TO:<full@example.org>") return "452 4.2.2 mailbox full\r\n";
      return std::nullopt;
    };
    FakeHop hop(io, script);
    Client client(io.get_executor(), settings_for(hop));
    const Outcome outcome =
        send_one(io, client,
                 transaction(kMessage, {"ok@example.org", "gone@example.org", "full@example.org"}));
    EXPECT_EQ(outcome.kind, Kind::refused);
    EXPECT_EQ(outcome.reply, (smtp::Reply{452, "4.2.2", {"mailbox full"}}));
    EXPECT_TRUE(hop.record().messages.empty());
    EXPECT_EQ(hop.record().count("RCPT"), 3u);  // every recipient was asked
  }
}

// PIPELINING sent DATA before the refusal was known, and one recipient was fine, so the hop
// answered 354. Ending the data would deliver to the others: the client must hang up instead.
TEST(RelayClient, PartialRefusalAfterPipelinedDataNeverDelivers) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.line == "RCPT TO:<gone@example.org>") return "550 5.1.1 gone\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome =
      send_one(io, client, transaction(kMessage, {"ok@example.org", "gone@example.org"}));
  EXPECT_EQ(outcome.kind, Kind::refused);
  EXPECT_EQ(outcome.reply, (smtp::Reply{550, "5.1.1", {"gone"}}));
  run_for(io, std::chrono::milliseconds{50});  // let the hop see the connection end
  EXPECT_TRUE(hop.record().messages.empty());
  EXPECT_EQ(hop.record().closed_mid_data, 1u);
  // That connection is gone; the next message opens a new one.
  EXPECT_EQ(send_one(io, client, transaction(kMessage, {"ok@example.org"})).kind, Kind::accepted);
  EXPECT_EQ(hop.record().connections, 2u);
}

TEST(RelayClient, RefusedRecipientWithoutPipeliningSkipsData) {
  asio::io_context io;
  Script script;
  script.ehlo = {};
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.line == "RCPT TO:<gone@example.org>") return "550 5.1.1 gone\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome =
      send_one(io, client, transaction(kMessage, {"gone@example.org", "ok@example.org"}));
  EXPECT_EQ(outcome.kind, Kind::refused);
  EXPECT_EQ(outcome.reply.code, 550);
  EXPECT_EQ(hop.record().count("RCPT"), 2u);
  EXPECT_FALSE(hop.record().saw("DATA"));
  EXPECT_TRUE(hop.record().saw("RSET"));
}

TEST(RelayClient, RefusedSenderIsRefused) {
  asio::io_context io;
  Script script;
  script.hook = [](const Event& e) -> std::optional<std::string> {
    if (e.verb == "MAIL") return "553 5.7.1 <alice@example.org>: Sender address rejected\r\n";
    if (e.verb == "RCPT" || e.verb == "DATA") return "503 5.5.1 Error: need MAIL command\r\n";
    return std::nullopt;
  };
  FakeHop hop(io, script);
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::refused);
  EXPECT_EQ(outcome.reply,
            (smtp::Reply{553, "5.7.1", {"<alice@example.org>: Sender address rejected"}}));
  EXPECT_TRUE(hop.record().saw("RSET"));
}

TEST(RelayClient, RefusedDataCommandIsRefused) {
  asio::io_context io;
  FakeHop hop(io, refusing("DATA", "452 4.3.1 Insufficient system storage\r\n"));
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome = send_one(io, client, transaction(kMessage));
  EXPECT_EQ(outcome.kind, Kind::refused);
  EXPECT_EQ(outcome.reply, (smtp::Reply{452, "4.3.1", {"Insufficient system storage"}}));
  EXPECT_TRUE(hop.record().saw("RSET"));
}

// The answer to the end of data is passed on as it is: code, status and every line.
TEST(RelayClient, RefusedAtEndOfDataPassesTheReplyThrough) {
  struct Case {
    std::string wire;
    smtp::Reply want;
  };
  const Case cases[] = {
      {"554-5.7.1 Message content rejected\r\n554 5.7.1 see https://example.org/policy\r\n",
       {554, "5.7.1", {"Message content rejected", "see https://example.org/policy"}}},
      {"451 4.3.0 Error: queue file write error\r\n",
       {451, "4.3.0", {"Error: queue file write error"}}},
      {"552 Message too big\r\n", {552, "", {"Message too big"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.wire);
    asio::io_context io;
    Script script;
    int ends = 0;
    script.hook = [&c, &ends](const Event& e) -> std::optional<std::string> {
      if (e.verb == "." && ends++ == 0) return c.wire;
      return std::nullopt;
    };
    FakeHop hop(io, script);
    Client client(io.get_executor(), settings_for(hop));
    const Outcome outcome = send_one(io, client, transaction(kMessage));
    EXPECT_EQ(outcome.kind, Kind::refused);
    EXPECT_EQ(outcome.reply, c.want);
    EXPECT_EQ(outcome.relay, hop.endpoint().text());
    // The transaction ended cleanly, so the connection carries the next message.
    EXPECT_EQ(send_one(io, client, transaction(kMessage)).kind, Kind::accepted);
    EXPECT_EQ(hop.record().connections, 1u);
  }
}

TEST(RelayClient, LineBreakInAnAddressNeverReachesTheHop) {
  asio::io_context io;
  FakeHop hop(io, Script{});
  Client client(io.get_executor(), settings_for(hop));
  const Outcome outcome =
      send_one(io, client, transaction(kMessage, {"bob@example.org>\r\nRCPT TO:<eve@example.org"}));
  EXPECT_EQ(outcome.kind, Kind::refused);
  EXPECT_EQ(outcome.reply.code, 501);
  EXPECT_FALSE(hop.record().saw("RCPT TO:<eve"));
}

}  // namespace
}  // namespace galguard::relay::testing
