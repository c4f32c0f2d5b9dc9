// The SMTP server protocol as a state machine with no I/O: the network layer feeds it lines
// (CRLF removed) and writes back the replies. Keeping sockets out lets the whole dialogue be
// tested as scripts, and lets the proxy and any future front end share one protocol core.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/smtp/command.hpp"
#include "gateway/smtp/reply.hpp"
#include "gateway/smtp/spool.hpp"

namespace galguard::smtp {

struct Limits {
  // RFC 5321 §4.5.3.1.4/.6: 1000 octets per line including the CRLF.
  std::size_t max_line = 1000;
  // RFC 5321 §4.5.3.1.8 requires accepting at least 100.
  std::size_t max_recipients = 1000;
  std::uint64_t max_message_size = 50ull * 1024 * 1024;
};

struct Options {
  std::string hostname = "localhost";
  Limits limits;
  bool starttls = false;  // advertise STARTTLS; the network layer does the handshake
  SpoolOptions spool;
};

struct Envelope {
  std::string helo;
  bool esmtp = false;
  std::string sender;  // empty for the null reverse path
  std::vector<std::string> recipients;
  MailParameters parameters;
  Xforward xforward;
};

// What a data line did. At `complete` the message is in message(): the network layer decides
// its fate (250 only once it is relayed or durably held), sends that reply and calls
// message_done(). At `refused` the reply is the refusal and the transaction is already over.
struct DataLine {
  enum class Kind { more, complete, refused };
  Kind kind = Kind::more;
  Reply reply;
};

class Session {
 public:
  enum class State { connected, greeted, mail, rcpt, data, closed };

  explicit Session(Options options);

  Reply greeting() const;
  // One command line without its CRLF.
  Reply on_line(std::string_view line);
  // One message line without its CRLF, after DATA's 354.
  DataLine on_data_line(std::string_view line);
  // The complete message (unstuffed, CRLF line ends) after DataLine::Kind::complete.
  std::string_view message() { return message_.view(); }
  // The reply to the message was sent: back to the greeted state for the next transaction.
  void message_done();
  // The network layer finished the TLS handshake; RFC 3207 §4.2: forget everything learnt.
  void on_tls_started();

  State state() const { return state_; }
  bool in_data() const { return state_ == State::data; }
  bool closed() const { return state_ == State::closed; }
  // Set after "220 Ready to start TLS": the next bytes on the wire are a TLS handshake.
  bool tls_requested() const { return tls_requested_; }
  const Envelope& envelope() const { return envelope_; }

 private:
  struct Verb;
  static const std::vector<Verb>& verbs();

  Reply ehlo(const Command& command);
  Reply helo(const Command& command);
  Reply mail(const Command& command);
  Reply rcpt(const Command& command);
  Reply data(const Command& command);
  Reply rset(const Command& command);
  Reply noop(const Command& command);
  Reply quit(const Command& command);
  Reply vrfy(const Command& command);
  Reply help(const Command& command);
  Reply xforward(const Command& command);
  Reply starttls(const Command& command);
  Reply not_implemented(const Command& command);

  std::optional<Reply> greet(const Command& command, bool esmtp);
  DataLine finish_message();
  void reset_transaction();
  std::size_t max_line_without_crlf() const { return options_.limits.max_line - 2; }

  Options options_;
  State state_ = State::connected;
  Envelope envelope_;
  bool tls_requested_ = false;
  bool tls_active_ = false;

  // The message being read; flags rather than early replies because RFC 5321 only lets us
  // answer once the client has sent the final ".".
  Spool message_;
  bool message_too_big_ = false;
  bool message_line_too_long_ = false;
};

}  // namespace galguard::smtp
