// One milter connection as a verb table over the decoded commands, with no I/O: the network
// layer feeds it packets and writes back the replies it returns, and tests feed it raw packets.
// It keeps what galguard judges by: per connection the client (SMFIC_CONNECT, HELO) across
// several messages, per message the envelope, the queue id, the headers in order and the body
// (within a size limit), forgotten at end of message and on abort. It answers only where the
// negotiation says the MTA waits; the verdict at end of message comes from outside (Decision).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/milter/negotiate.hpp"
#include "gateway/milter/packet.hpp"
#include "gateway/milter/protocol.hpp"

namespace galguard::milter {

struct SessionOptions {
  // Headers and body together; a larger message is not kept and is refused at its end, as the
  // SMTP side refuses it (552 5.3.4), never passed unchecked.
  std::uint64_t max_message_size = 50ull * 1024 * 1024;
  // Ask for SMFIF_ADDHDRS, to add the verdict header.
  bool add_headers = true;
};

// Who connected to the MTA; kept for every message of the connection.
struct Client {
  std::string name;     // "client.example.org", or "" when the MTA gave "[addr]" or "unknown"
  std::string address;  // "192.0.2.1"; "" for an unknown or unix-socket client
  std::string helo;
};

// One message as the MTA saw it.
struct Message {
  std::string sender;                   // bare address, "" for the null sender
  std::vector<std::string> recipients;  // bare addresses, in RCPT order
  std::string queue_id;                 // macro i, "" until the MTA sent it
  std::vector<Header> headers;          // in order, values as sent (see Session::bytes())
  std::string body;                     // CRLF line ends, as the MTA sends it
  std::uint64_t size = 0;               // header and body bytes received, kept or not
  bool too_big = false;                 // over max_message_size: body no longer kept
};

// What to answer at end of message.
struct Decision {
  enum class Kind { accept, discard, tempfail, refuse };
  Kind kind = Kind::tempfail;
  // refuse (and tempfail, when set): the SMTP reply the MTA gives the client.
  int code = 0;
  std::string enhanced;
  std::string text;  // one line of printable ASCII
  // accept: a header to add first (needs SMFIF_ADDHDRS; dropped when not negotiated).
  std::optional<Header> add_header;
};

// What the caller does after a packet.
struct Outcome {
  std::vector<Packet> replies;  // write these, in order
  bool end_of_message = false;  // decide on message(), then call finish_message()
  bool close = false;           // SMFIC_QUIT or a protocol error: close the connection
  std::string error;            // why, for the log; never message content
};

class Session {
 public:
  explicit Session(SessionOptions options = {});

  Outcome on_packet(const Packet& packet);

  // The replies to the end of message: the decision's, then the message state is reset.
  std::vector<Packet> finish_message(const Decision& decision);

  const Client& client() const { return client_; }
  const Message& message() const { return message_; }
  // The message as bytes for judge(): "Name: value\r\n" per header, a blank line, the body.
  std::string bytes() const;
  // A message is under way: MAIL seen, end of message not answered yet.
  bool in_message() const { return in_message_; }
  const std::optional<Negotiation>& negotiation() const { return negotiation_; }

 private:
  Outcome on(const OptNeg& command);
  Outcome on(const Macros& command);
  Outcome on(const Connect& command);
  Outcome on(const Helo& command);
  Outcome on(const Mail& command);
  Outcome on(const Rcpt& command);
  Outcome on(const Header& command);
  Outcome on(const EndOfHeaders& command);
  Outcome on(const Body& command);
  Outcome on(const EndOfMessage& command);
  Outcome on(const Abort& command);
  Outcome on(const Quit& command);
  Outcome on(const Data& command);
  Outcome on(const Unknown& command);

  // The reply for a step the MTA may wait on: continue, or nothing when it does not wait.
  Outcome proceed(milter::Step step) const;
  // Counts `bytes` toward the size limit; false once over it.
  bool take(std::size_t bytes);
  void reset_message();

  SessionOptions options_;
  std::optional<Negotiation> negotiation_;
  Client client_;
  Message message_;
  bool in_message_ = false;
  bool awaiting_decision_ = false;
  // The macros sent for the command that comes next: {mail_addr}, {rcpt_addr} when the command
  // itself carries no address.
  Macros pending_;
};

// The options galguard asks for: it reads connect, helo, mail, rcpt, headers and body, and
// answers only at end of message.
Wanted wanted(const SessionOptions& options);

}  // namespace galguard::milter
