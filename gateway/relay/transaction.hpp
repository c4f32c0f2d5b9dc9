// One mail transaction on a ready connection: XFORWARD, MAIL, RCPT..., DATA (pipelined when the
// hop offers PIPELINING), the dot-stuffed content, and the hop's answer to the end of data.
#pragma once

#include "gateway/relay/client.hpp"
#include "gateway/relay/connection.hpp"

namespace galguard::relay {

// Commands per pipelined write. RFC 2920 §3.1: a client that writes while the server's replies
// pile up unread can deadlock both; 100 replies of at most 512 octets fit in the socket buffers
// on both sides, so the client can finish each write before it starts reading.
inline constexpr std::size_t kPipelineGroup = 100;
// The content goes out in writes of this size, each under the data_block deadline.
inline constexpr std::size_t kContentChunk = 64 * 1024;

struct Attempt {
  Outcome outcome;
  // The connection failed (write error, EOF, reset, or a 421) before the hop had answered any
  // command of this transaction: nothing was decided, so a reused connection may be replaced
  // by a fresh one and the transaction tried again.
  bool dead_before_reply = false;
  // The transaction ended cleanly (final reply read, or RSET accepted): the connection can
  // carry the next one.
  bool reusable = false;
};

boost::asio::awaitable<Attempt> run_transaction(Connection& connection, const Settings& settings,
                                                const Transaction& transaction);

}  // namespace galguard::relay
