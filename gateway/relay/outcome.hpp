// Every way a delivery attempt ends, as the Outcome the gateway answers from (README.md has the
// table). Our own replies say which step failed, in Postfix's words, so an operator can match
// the gateway's log with the next hop's.
#pragma once

#include <string>
#include <string_view>

#include "gateway/relay/client.hpp"
#include "gateway/relay/connection.hpp"

namespace galguard::relay {

enum class Phase {
  connect,
  greeting,
  helo,
  xforward,
  mail,
  rcpt,
  data,
  content,
  end_of_data,
  rset,
  quit,
};

// "sending RCPT TO", for "... while sending RCPT TO".
std::string_view describe(Phase phase);

Outcome accepted(const Settings& settings, smtp::Reply reply);
Outcome refused(const Settings& settings, smtp::Reply reply);
// Connect failures are 451 4.4.1 (no answer from host); everything after the TCP connect —
// timeout, lost connection, a malformed reply — is 451 4.4.2 (bad connection).
Outcome unavailable(const Settings& settings, Phase phase, const Failure& failure);
// The hop would not serve us (greeting not 220, EHLO and HELO refused): 451 4.4.1, so the MTA
// in front keeps the mail rather than bounce it for a problem of ours with the next hop.
Outcome not_served(const Settings& settings, const smtp::Reply& reply);
// A 421 (RFC 5321 §3.8): the hop is closing the connection. Not passed on as it is, because a
// 421 from us would tell our client that we are closing ours.
Outcome hop_closing(const Settings& settings, Phase phase, const smtp::Reply& reply);

}  // namespace galguard::relay
