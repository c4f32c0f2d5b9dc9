// The small parts of the review UI: escaping, forms, cookies, sessions, lock-out, passwords.
#include <gtest/gtest.h>

#include "gateway/review/bar_chart.hpp"
#include "gateway/review/cookies.hpp"
#include "gateway/review/form.hpp"
#include "gateway/review/html.hpp"
#include "gateway/review/login_throttle.hpp"
#include "gateway/review/message_parts.hpp"
#include "gateway/review/password.hpp"
#include "gateway/review/session_table.hpp"

namespace galguard::review {
namespace {

using namespace std::chrono_literals;

TEST(Escape, ReplacesMarkupAndBadBytes) {
  const struct {
    std::string in, want;
  } cases[] = {
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"a&b \"q\" 'x'", "a&amp;b &quot;q&quot; &#39;x&#39;"},
      {"Sk\xc3\xa4rholmen", "Sk\xc3\xa4rholmen"},
      {"bad\xff", "bad\xef\xbf\xbd"},
      {std::string("nul\0x", 5), "nul\xef\xbf\xbdx"},
      {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},  // overlong '/'
  };
  for (const auto& c : cases)
    EXPECT_EQ(escape(c.in), c.want) << "in: " << c.in;
}

TEST(Form, DecodesPlusAndPercent) {
  const auto form = parse_form("reason=sent+to%20the+wrong%C3%A4&csrf=abc&empty=&flag");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("reason"), "sent to the wrong\xc3\xa4");
  EXPECT_EQ(form->get("csrf"), "abc");
  EXPECT_TRUE(form->has("empty"));
  EXPECT_TRUE(form->has("flag"));
  EXPECT_EQ(form->get("missing"), "");
}

TEST(Form, RefusesMalformedInput) {
  EXPECT_FALSE(parse_form("a=%zz"));
  EXPECT_FALSE(parse_form("a=%4"));
  EXPECT_FALSE(parse_form("a=%ff"));  // not UTF-8
  std::string many;
  for (int i = 0; i <= static_cast<int>(kMaxFormFields); ++i)
    many += "f" + std::to_string(i) + "=1&";
  EXPECT_FALSE(parse_form(many));
  EXPECT_FALSE(parse_form(std::string(kMaxFormBytes + 1, 'a')));
}

TEST(Cookies, ParsesAndSets) {
  EXPECT_EQ(cookie_value("a=1; galguard_session=xyz; b=2", kSessionCookie), "xyz");
  EXPECT_FALSE(cookie_value("galguard_sessionx=1", kSessionCookie));
  EXPECT_EQ(set_cookie(kSessionCookie, "t", false),
            "galguard_session=t; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(set_cookie(kSessionCookie, "", true, 0),
            "galguard_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
}

TEST(SessionTable, TokensAreRandom256BitBase64url) {
  const std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_TRUE(tokens_equal(a, a));
  EXPECT_FALSE(tokens_equal(a, b));
  EXPECT_FALSE(tokens_equal("", ""));
  EXPECT_FALSE(tokens_equal(a, a.substr(1)));
}

TEST(SessionTable, IdleExpiry) {
  SessionTable sessions(30min, 12h);
  const std::string token = sessions.create("dpo", 1000);
  EXPECT_TRUE(sessions.find(token, 1000 + 29 * 60));  // used: idle clock restarts
  EXPECT_TRUE(sessions.find(token, 1000 + 58 * 60));
  EXPECT_FALSE(sessions.find(token, 1000 + 58 * 60 + 30 * 60));  // 30 min idle
  EXPECT_FALSE(sessions.find(token, 1000 + 58 * 60));            // and forgotten
}

TEST(SessionTable, AbsoluteExpiryEvenWhenActive) {
  SessionTable sessions(30min, 2h);
  const std::string token = sessions.create("dpo", 0);
  std::int64_t t = 0;
  for (; t < 2 * 3600 - 600; t += 600)
    ASSERT_TRUE(sessions.find(token, t)) << t;
  EXPECT_FALSE(sessions.find(token, 2 * 3600));
}

TEST(SessionTable, EachSessionHasItsOwnCsrfTokenAndLogoutEndsIt) {
  SessionTable sessions(30min, 12h);
  const std::string a = sessions.create("dpo", 0);
  const std::string b = sessions.create("dpo", 0);
  EXPECT_NE(sessions.find(a, 1)->csrf, sessions.find(b, 1)->csrf);
  sessions.remove(a);
  EXPECT_FALSE(sessions.find(a, 2));
  EXPECT_TRUE(sessions.find(b, 2));
  EXPECT_FALSE(sessions.find("not-a-token", 2));
}

TEST(LoginThrottle, LocksAfterFailuresInARowForTheLockout) {
  LoginThrottle throttle(3, 15min);
  throttle.failed("dpo", 100);
  throttle.failed("dpo", 101);
  EXPECT_EQ(throttle.locked_until("dpo", 102), 0);
  throttle.failed("dpo", 102);
  EXPECT_EQ(throttle.locked_until("dpo", 103), 102 + 900);
  EXPECT_EQ(throttle.locked_until("other", 103), 0);
  EXPECT_EQ(throttle.locked_until("dpo", 102 + 900), 0);
}

TEST(LoginThrottle, SuccessResetsTheCount) {
  LoginThrottle throttle(3, 15min);
  throttle.failed("dpo", 1);
  throttle.failed("dpo", 2);
  throttle.succeeded("dpo");
  throttle.failed("dpo", 3);
  throttle.failed("dpo", 4);
  EXPECT_EQ(throttle.locked_until("dpo", 5), 0);
}

TEST(Password, MinimumCostRoundTrip) {
  const std::string hash = hash_password("correct horse battery", HashCost::minimum);
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password("not a hash", "correct horse battery"));
  EXPECT_NE(hash_password("correct horse battery", HashCost::minimum), hash);  // salted
}

TEST(Password, InteractiveCostRoundTrip) {
  const std::string hash = hash_password("the real cost, once");
  EXPECT_TRUE(verify_password(hash, "the real cost, once"));
  EXPECT_FALSE(verify_password(hash, "the real cost, twice"));
}

TEST(MessageParts, HeadersUnfoldedBodySeparate) {
  const std::string raw = "Subject: a\r\n b\r\nTo: x@y\r\n\r\nBody: not a header\r\n";
  const auto fields = header_fields(raw);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(header_value(fields, "subject"), "a b");
  EXPECT_EQ(message_body(raw), "Body: not a header\r\n");
}

TEST(BarChart, OneBarPerDay) {
  std::vector<int> counts(30, 0);
  counts[29] = 4;
  const std::string svg = held_per_day_chart(counts, 0);
  int bars = 0;
  for (auto pos = svg.find("class=\"bar\""); pos != std::string::npos;
       pos = svg.find("class=\"bar\"", pos + 1))
    ++bars;
  EXPECT_EQ(bars, 30);
  EXPECT_NE(svg.find("1970-01-30: 4 held"), std::string::npos);
}

}  // namespace
}  // namespace galguard::review
