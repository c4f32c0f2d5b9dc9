#include "rules/message/gmime_guard.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace galguard::rules {
namespace {

struct Case {
  const char* what;
  std::string raw;
  std::optional<std::string> want;
};

TEST(GmimeGuard, CutsLogicalLinesOverTheCap) {
  const GuardLimits limits{.max_logical_line = 12, .max_address_colons = 100};
  const Case cases[] = {
      {"nothing long", "To: a@b.se\r\nX: y\r\n\r\nbody\r\n", std::nullopt},
      {"exactly the cap, line ending included", "Subject: ab\n", std::nullopt},
      {"long line cut, ending kept", "To: abcdefghij\r\nX: y\r\n", "To: abcdefgh\r\nX: y\r\n"},
      {"folded lines are one logical line", "To: ab\r\n cd\r\n\tef\r\nX: y\r\n\r\nbody\r\n",
       "To: ab\r\n cd\r\nX: y\r\n\r\nbody\r\n"},
      {"a cut just after a fold does not make a blank line", "To: abcdef\r\n gh\r\n\r\nb\r\n",
       "To: abcdef\r\n\r\nb\r\n"},
      {"bare LF endings", "Subject: 0123456789\nTo: a\n", "Subject: 012\nTo: a\n"},
      {"last line without ending", "Subject: 0123456789", "Subject: 012"},
      {"several long lines", "A: 1234567890123\nB: 12\nC: 1234567890123\n",
       "A: 123456789\nB: 12\nC: 123456789\n"},
      {"body lines are logical lines too", "X: y\n\n0123456789abcdef\n", "X: y\n\n0123456789ab\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(guard_for_gmime(c.raw, limits), c.want);
  }
}

TEST(GmimeGuard, BoundsColonsInAddressFields) {
  // The field name's own colon counts.
  const GuardLimits limits{.max_logical_line = 1000, .max_address_colons = 3};
  const Case cases[] = {
      {"a group is fine", "To: g: a@b.se;\r\n", std::nullopt},
      {"nested groups past the limit", "To: g:g:g:g:a@b.se;;;;\r\n", "To: g:g:g g a@b.se;;;;\r\n"},
      {"any case, blank before the colon", "resent-CC : g:g:g:x;\r\n", "resent-CC : g:g:g x;\r\n"},
      {"folded", "Cc: g:\r\n g:\r\n g:\r\n x\r\n", "Cc: g:\r\n g:\r\n g \r\n x\r\n"},
      {"other fields keep their colons", "DKIM-Signature: h=From:To:Cc:Date:Subject\r\n",
       std::nullopt},
      {"a name that only starts like an address field", "Tooo: g:g:g:g:\r\n", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(guard_for_gmime(c.raw, limits), c.want);
  }
}

// GMime 3.2.13 leaks the address it read before a comment that never closes. In an address
// field the guard closes every comment GMime might open, wherever GMime's reading of the field
// starts one (inside a quoted name too: after an address it cannot read, GMime resumes at the
// next ',' even inside quotes), where that reading ends (a NUL ends it early). Fields whose
// every '(' is closed, and other fields, stay as written.
TEST(GmimeGuard, ClosesTheCommentsAnAddressFieldLeavesOpen) {
  const struct {
    std::string raw;
    std::optional<std::string> want;
  } cases[] = {
      {"To: a@b.se (x\r\n", "To: a@b.se (x )\r\n"},
      {"Cc: a@b.se ((x) (y\r\n", "Cc: a@b.se ((x) (y ))\r\n"},
      {"Reply-To: a@b.se (x\\\r\n", "Reply-To: a@b.se (x\\ )\r\n"},
      {"To: a@b.se (x\r\n (folded\r\n", "To: a@b.se (x\r\n (folded ))\r\n"},
      {std::string("To: a@b.se (x\0)\r\n", 18), std::string("To: a@b.se (x )\0)\r\n", 20)},
      {"from: a@b.se (x", "from: a@b.se (x )"},
      {"To: \"Anna (IT <a@b.se>\r\n", "To: \"Anna (IT <a@b.se> )\r\n"},
      {"To: \\(a@b.se (x\r\n", "To: \\(a@b.se (x ))\r\n"},
      {"To: \"Sm(ith\" <a@b.se>, b@c.se (ok)\r\n", "To: \"Sm(ith\" <a@b.se>, b@c.se (ok) )\r\n"},
      {"To: \"Sm(ith)\" <a@b.se>, b@c.se (ok), (x))\r\n", std::nullopt},
      {"To: \"Sm)ith\" <a@b.se>\r\n", std::nullopt},
      {"Subject: (an aside\r\n", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw);
    EXPECT_EQ(guard_for_gmime(c.raw), c.want);
  }
}

// A changed line no longer says what the message says; parse_message holds a recipient
// header there as unreadable, so the guard reports where each changed line starts.
TEST(GmimeGuard, ReportsTheLinesItChanged) {
  const GuardLimits limits{.max_logical_line = 20, .max_address_colons = 3};
  std::vector<GuardedLine> changed;
  const auto out = guard_for_gmime(
      "X: y\r\nTo: g:g:g:g:a;\r\nSubject: 0123456789abcdef\r\nCc: a (b\r\n", limits, &changed);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "X: y\r\nTo: g:g:g g a;\r\nSubject: 0123456789a\r\nCc: a (b )\r\n");
  ASSERT_EQ(changed.size(), 3u);
  EXPECT_EQ(out->substr(changed[0].offset, 3), "To:");
  EXPECT_EQ(changed[0].reason, kPastGuardLimit);
  EXPECT_EQ(out->substr(changed[1].offset, 8), "Subject:");
  EXPECT_EQ(out->substr(changed[2].offset, 3), "Cc:");
  EXPECT_TRUE(changed[2].reason.empty());  // the field's own problem says why
  changed.clear();
  EXPECT_EQ(guard_for_gmime("To: a@b.se\r\n", limits, &changed), std::nullopt);
  EXPECT_TRUE(changed.empty());
}

}  // namespace
}  // namespace galguard::rules
