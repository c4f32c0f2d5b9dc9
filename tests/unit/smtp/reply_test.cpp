#include <gtest/gtest.h>

#include "gateway/smtp/reply.hpp"

namespace galguard::smtp {
namespace {

TEST(Reply, WireForm) {
  EXPECT_EQ(standard(Standard::ok).wire(), "250 2.0.0 Ok\r\n");
  EXPECT_EQ(standard(Standard::start_input).wire(), "354 End data with <CR><LF>.<CR><LF>\r\n");
  EXPECT_EQ((Reply{550, "5.7.1", {"first", "second"}}).wire(),
            "550-5.7.1 first\r\n550 5.7.1 second\r\n");
}

TEST(Reply, StandardTable) {
  struct Case {
    Standard which;
    int code;
    const char* enhanced;
  };
  const Case cases[] = {
      {Standard::bye, 221, "2.0.0"},
      {Standard::sender_ok, 250, "2.1.0"},
      {Standard::recipient_ok, 250, "2.1.5"},
      {Standard::cannot_vrfy, 252, "2.1.5"},
      {Standard::timeout, 421, "4.4.2"},
      {Standard::local_error, 451, "4.3.0"},
      {Standard::next_hop_down, 451, "4.4.1"},
      {Standard::policy_tempfail, 451, "4.7.1"},
      {Standard::too_many_recipients, 452, "4.5.3"},
      {Standard::line_too_long, 500, "5.5.2"},
      {Standard::syntax, 501, "5.5.4"},
      {Standard::not_implemented, 502, "5.5.1"},
      {Standard::bad_sequence, 503, "5.5.1"},
      {Standard::policy_reject, 550, "5.7.1"},
      {Standard::message_too_big, 552, "5.3.4"},
      {Standard::transaction_failed, 554, "5.5.0"},
      {Standard::unknown_parameter, 555, "5.5.4"},
  };
  for (const Case& c : cases) {
    const Reply reply = standard(c.which);
    EXPECT_EQ(reply.code, c.code);
    EXPECT_EQ(reply.enhanced, c.enhanced) << c.code;
    EXPECT_EQ(reply.lines.size(), 1u);
  }
  EXPECT_EQ(standard(Standard::policy_reject, "held").lines.front(), "held");
}

}  // namespace
}  // namespace galguard::smtp
