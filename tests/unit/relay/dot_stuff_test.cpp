// Dot-stuffing, got/want, and the same result whatever the chunk size.
#include <gtest/gtest.h>

#include <string>

#include "gateway/relay/dot_stuff.hpp"

namespace galguard::relay {
namespace {

TEST(RelayDotStuff, Table) {
  struct Case {
    std::string message, want;
  };
  const Case cases[] = {
      {"", ".\r\n"},
      {"a\r\n", "a\r\n.\r\n"},
      {"a", "a\r\n.\r\n"},
      {".\r\n", "..\r\n.\r\n"},
      {".a\r\n..b\r\nc.\r\n", "..a\r\n...b\r\nc.\r\n.\r\n"},
      {"a\r\n.", "a\r\n..\r\n.\r\n"},
      // Bare LF becomes CRLF, including before a dot.
      {"a\nb\n", "a\r\nb\r\n.\r\n"},
      {"a\n.b", "a\r\n..b\r\n.\r\n"},
      {"\n\n", "\r\n\r\n.\r\n"},
      // A bare CR inside a line is content; a CR at the very end gets its LF.
      {"a\rb\r\n", "a\rb\r\n.\r\n"},
      {"a\r", "a\r\n.\r\n"},
      {"Subject: x\r\n\r\n.\r\n.\r\n", "Subject: x\r\n\r\n..\r\n..\r\n.\r\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    EXPECT_EQ(dot_stuff(c.message), c.want);
  }
}

TEST(RelayDotStuff, ChunkSizeDoesNotChangeTheResult) {
  std::string message;
  for (int i = 0; i < 200; ++i) {
    message += (i % 3 == 0) ? "." : "";
    message += "line " + std::to_string(i);
    message += (i % 5 == 0) ? "\n" : "\r\n";
  }
  message += ".last";
  const std::string want = dot_stuff(message);
  for (std::size_t limit : {1u, 2u, 3u, 7u, 64u, 1000u}) {
    SCOPED_TRACE(limit);
    DotStuffer stuffer(message);
    std::string got, chunk;
    std::size_t chunks = 0;
    while (!stuffer.done()) {
      chunk.clear();
      stuffer.next(chunk, limit);
      EXPECT_LE(chunk.size(), limit + 5);  // a stuffed dot or the terminator may overshoot
      got += chunk;
      ++chunks;
    }
    EXPECT_EQ(got, want);
    if (limit == 1) {
      EXPECT_GT(chunks, message.size() / 2);
    }
  }
}

}  // namespace
}  // namespace galguard::relay
