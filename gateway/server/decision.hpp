// The one decision about a message, the same for the SMTP gate and the milter gate: from the
// envelope, the bytes and the rulebook in use (or none) to a typed outcome. Each gate only
// translates it into its protocol and does the I/O it names (relay, store, reply).
//
//   too big to judge → reject (552 5.3.4): never passed unchecked
//   no rulebook      → tempfail (451 4.7.1, fail closed), or unchecked with fail_open
//   judged pass      → pass
//   judged reject    → reject (550 5.7.1 with the reasons)
//   judged quarantine, or bytes that are not readable mail → hold
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/thread_pool.hpp>
#include "gateway/net/awaitable.hpp"

#include "gateway/server/judgement.hpp"
#include "gateway/server/rulebook.hpp"
#include "gateway/smtp/reply.hpp"
#include "rules/message/envelope.hpp"

namespace galguard::server {

struct Decision {
  enum class Kind { pass, hold, reject, tempfail, unchecked };
  Kind kind = Kind::tempfail;
  Judgement judgement;  // what the rules said; empty for tempfail, unchecked and too big
  smtp::Reply reply;    // reject and tempfail: the reply for the client

  // The log line's verdict= word (gateway/server/README.md "Log vocabulary").
  std::string_view verdict() const;
};

struct DecisionInput {
  const rules::Envelope& envelope;
  std::string_view message;
  bool too_big = false;  // the MTA sent more than max_message_size: the bytes are not all here
};

// `attachments`: the reader for attachments (none: they are listed as not read).
Decision decide(const DecisionInput& input, const Rulebook* rulebook, bool fail_open,
                const extract::Sandbox* attachments = nullptr);

// decide() for the gates, which run on the I/O thread: a message large enough that parsing it
// would stall every other session is judged on the blocking pool, a small one parsed right here
// (handing it over would cost more than the parse) and judged here too unless an attachment
// reader must run.
boost::asio::awaitable<Decision> decide_async(const DecisionInput& input, const Rulebook* rulebook,
                                              bool fail_open, boost::asio::thread_pool& blocking,
                                              const extract::Sandbox* attachments = nullptr);

}  // namespace galguard::server
