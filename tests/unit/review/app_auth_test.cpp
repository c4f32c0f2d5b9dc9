// Who may do what in the review UI: login, lock-out, sessions, CSRF, roles, the proxy header.
#include "review_fixture.hpp"

namespace galguard::review::testing {
namespace {

using quarantine::Role;

TEST_F(ReviewTest, EveryResponseCarriesTheSecurityHeaders) {
  for (const Response& r : {get("/login"), get("/queue"), get("/style.css"), get("/nowhere")}) {
    EXPECT_EQ(header(r, "Content-Security-Policy"),
              "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
              "frame-ancestors 'none'; base-uri 'none'");
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header(r, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(header(r, "Cache-Control"), "no-store");
    EXPECT_EQ(header(r, "X-Frame-Options"), "DENY");
  }
}

TEST_F(ReviewTest, PagesRedirectToLoginWithoutSession) {
  const Response r = get("/queue");
  EXPECT_EQ(r.result(), http::status::see_other);
  EXPECT_EQ(header(r, http::field::location), "/login");
}

TEST_F(ReviewTest, LoginSetsAStrictHttpOnlySessionCookie) {
  add_user("dpo", Role::dpo);
  const Response form = get("/login");
  const Response r =
      post("/login", "csrf=" + csrf_of(form.body()) + "&name=dpo&password=correct+horse+battery");
  ASSERT_EQ(r.result(), http::status::see_other) << r.body();
  EXPECT_EQ(header(r, http::field::location), "/queue");
  bool found = false;
  for (const auto& field : r) {
    const std::string line(field.value().data(), field.value().size());
    if (field.name() == http::field::set_cookie && line.starts_with("galguard_session=")) {
      found = true;
      EXPECT_NE(line.find("HttpOnly"), std::string::npos);
      EXPECT_NE(line.find("SameSite=Strict"), std::string::npos);
      EXPECT_NE(line.find("Path=/"), std::string::npos);
      EXPECT_EQ(line.find("Secure"), std::string::npos);  // plain HTTP on loopback
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(get("/queue").result(), http::status::ok);
}

TEST_F(ReviewTest, SecureCookieWhenConfigured) {
  config.review.secure_cookies = true;
  add_user("dpo", Role::dpo);
  const Response form = get("/login");
  EXPECT_NE(header(form, http::field::set_cookie).find("Secure"), std::string::npos);
}

TEST_F(ReviewTest, WrongPasswordFails) {
  add_user("dpo", Role::dpo);
  const Response r = login("dpo", "wrong password here");
  EXPECT_EQ(r.result(), http::status::unauthorized);
  EXPECT_NE(r.body().find("Wrong name or password"), std::string::npos);
  EXPECT_FALSE(cookies.contains("galguard_session"));
  EXPECT_EQ(login("nobody").result(), http::status::unauthorized);
}

TEST_F(ReviewTest, LoginWithoutTheLoginCookieTokenIsRefused) {
  add_user("dpo", Role::dpo);
  get("/login");
  EXPECT_EQ(post("/login", "csrf=forged&name=dpo&password=correct+horse+battery").result(),
            http::status::forbidden);
  cookies.clear();
  EXPECT_EQ(post("/login", "name=dpo&password=correct+horse+battery").result(),
            http::status::forbidden);
}

TEST_F(ReviewTest, LockOutAfterFailuresThenRightPasswordAfterLockout) {
  add_user("dpo", Role::dpo);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(login("dpo", "wrong password here").result(), http::status::unauthorized);
  const Response locked = login("dpo");
  EXPECT_EQ(locked.result(), http::status::too_many_requests);
  EXPECT_NE(locked.body().find("Too many failed logins"), std::string::npos);
  now += 15 * 60;
  EXPECT_EQ(login("dpo").result(), http::status::see_other);
}

TEST_F(ReviewTest, SessionEndsWhenIdleAndAtMaximum) {
  config.review.session_idle = std::chrono::minutes(30);
  config.review.session_max = std::chrono::hours(1);
  login_as("dpo", Role::dpo);
  now += 29 * 60;
  EXPECT_EQ(get("/queue").result(), http::status::ok);
  now += 29 * 60;
  EXPECT_EQ(get("/queue").result(), http::status::ok);
  now += 3 * 60;  // 61 minutes after login, though active
  EXPECT_EQ(get("/queue").result(), http::status::see_other);

  login_as("dpo2", Role::dpo);
  now += 31 * 60;
  EXPECT_EQ(get("/queue").result(), http::status::see_other);
}

TEST_F(ReviewTest, LogoutEndsTheSession) {
  login_as("dpo", Role::dpo);
  const std::string old = cookies["galguard_session"];
  EXPECT_EQ(post_form("/logout").result(), http::status::see_other);
  cookies["galguard_session"] = old;  // a copied cookie is worth nothing after logout
  EXPECT_EQ(get("/queue").result(), http::status::see_other);
}

TEST_F(ReviewTest, EveryPostNeedsTheSessionsCsrfToken) {
  login_as("dpo", Role::dpo);
  const std::string id = store.hold(message_with("A", "s", now));
  const std::string posts[] = {"/logout",
                               "/messages/" + id + "/body",
                               "/messages/" + id + "/release",
                               "/messages/" + id + "/delete",
                               "/messages/" + id + "/incident",
                               "/messages/" + id + "/not-incident",
                               "/incidents/INC-1",
                               "/audit/incident"};
  for (const auto& target : posts) {
    EXPECT_EQ(post(target, "reason=why").result(), http::status::forbidden) << target;
    EXPECT_EQ(post(target, "reason=why&csrf=" + std::string(43, 'A')).result(),
              http::status::forbidden)
        << target;
  }
  const Response refused = post("/messages/" + id + "/delete", "reason=why");
  EXPECT_NE(refused.body().find("security token"), std::string::npos);
  EXPECT_EQ(store.get(id)->state, quarantine::State::held);
  EXPECT_EQ(store.action_log(id).size(), 1u);  // only "held"
}

TEST_F(ReviewTest, ViewerMaySeeButNotAct) {
  const std::string id = store.hold(message_with("A", "s", now));
  login_as("viewer", Role::viewer);
  const Response page = get("/messages/" + id);
  EXPECT_EQ(page.result(), http::status::ok);
  EXPECT_EQ(page.body().find("/release\""), std::string::npos);  // no buttons
  for (const char* action : {"release", "delete", "incident", "not-incident", "body"})
    EXPECT_EQ(post_form("/messages/" + id + "/" + action, "reason=because").result(),
              http::status::forbidden)
        << action;
  EXPECT_EQ(store.get(id)->state, quarantine::State::held);
  EXPECT_TRUE(store.incidents().empty());
  for (const auto& row : store.action_log(id))
    EXPECT_NE(row.action, "viewed-body");
}

TEST_F(ReviewTest, TrustedProxyHeaderOnlyFromConfiguredAddresses) {
  config.review.user_header = "X-Remote-User";
  config.review.trusted_proxies = {"10.0.0.5"};
  add_user("dpo", Role::dpo);

  Request r = request(http::verb::get, "/queue");
  r.set("X-Remote-User", "dpo");
  EXPECT_EQ(send(r, "10.0.0.5").result(), http::status::ok);
  cookies.clear();
  EXPECT_EQ(send(r, "::ffff:10.0.0.5").result(), http::status::ok);
  cookies.clear();
  EXPECT_EQ(send(r, "10.0.0.6").result(), http::status::see_other);  // ignored: login
  EXPECT_EQ(send(r, "127.0.0.1").result(), http::status::see_other);

  Request unknown = request(http::verb::get, "/queue");
  unknown.set("X-Remote-User", "mallory");
  EXPECT_EQ(send(unknown, "10.0.0.5").result(), http::status::forbidden);
}

TEST_F(ReviewTest, ProxyUserPostsWithTheSessionTokenAndHttpsMakesCookiesSecure) {
  config.review.user_header = "X-Remote-User";
  config.review.trusted_proxies = {"10.0.0.5"};
  add_user("dpo", Role::dpo);
  const std::string id = store.hold(message_with("A", "s", now));

  Request page = request(http::verb::get, "/messages/" + id);
  page.set("X-Remote-User", "dpo");
  page.set("X-Forwarded-Proto", "https");
  const Response shown = send(page, "10.0.0.5");
  ASSERT_EQ(shown.result(), http::status::ok);
  EXPECT_NE(header(shown, http::field::set_cookie).find("; Secure"), std::string::npos);
  csrf = csrf_of(shown.body());

  Request no_token = request(http::verb::post, "/messages/" + id + "/not-incident", "reason=x");
  no_token.set("X-Remote-User", "dpo");
  EXPECT_EQ(send(no_token, "10.0.0.5").result(), http::status::forbidden);

  Request with_token = request(http::verb::post, "/messages/" + id + "/not-incident",
                               "reason=looked+fine&csrf=" + csrf);
  with_token.set("X-Remote-User", "dpo");
  EXPECT_EQ(send(with_token, "10.0.0.5").result(), http::status::see_other);
  EXPECT_EQ(store.action_log(id).back().actor, "dpo");
}

}  // namespace
}  // namespace galguard::review::testing
