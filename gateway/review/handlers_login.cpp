#include <fmt/format.h>

#include "gateway/quarantine/unix_time.hpp"
#include "gateway/review/cookies.hpp"
#include "gateway/review/password.hpp"
#include "gateway/review/review_call.hpp"

namespace galguard::review {
namespace {

// The login cookie's token: kept when the browser already has a well-formed one, so two open
// login tabs both work.
std::string login_token(Call& call) {
  const auto existing =
      cookie_value(to_std(call.request[http::field::cookie]), kLoginCookie).value_or("");
  if (existing.size() == 43) return existing;
  std::string token = random_token();
  call.set_cookies.push_back(set_cookie(kLoginCookie, token, call.secure));
  return token;
}

// An unknown name costs as much time as a wrong password, so the answer's delay does not tell
// which names have accounts.
bool verify_unknown(std::string_view password) {
  static const std::string dummy = hash_password("galguard-no-such-account");
  return verify_password(dummy, password) && false;
}

}  // namespace

Response get_login(AppState&, Call& call) {
  if (call.viewer) return redirect("/queue");
  return html_response(200, login_page(login_token(call), "", ""));
}

Response post_login(AppState& app, Call& call) {
  const auto cookie = cookie_value(to_std(call.request[http::field::cookie]), kLoginCookie);
  if (!cookie || !tokens_equal(*cookie, call.form.get("csrf")))
    return error_response(call, 403,
                          "The login form was not sent from this site's login page (or it was "
                          "open too long). Open the login page again and log in there.",
                          "/login");
  const std::string name = call.form.get("name");
  const std::string password = call.form.get("password");
  if (name.empty() || password.empty())
    return html_response(400, login_page(*cookie, name, "Enter your name and password."));

  if (const auto until = app.throttle.locked_until(name, call.now))
    return html_response(
        429, login_page(*cookie, name,
                        fmt::format("Too many failed logins for this name. Try again after {}.",
                                    quarantine::iso_time(until))));

  const auto user = app.store.user(name);
  const bool ok = user ? verify_password(user->password_hash, password) : verify_unknown(password);
  if (!ok) {
    app.throttle.failed(name, call.now);
    return html_response(401, login_page(*cookie, name, "Wrong name or password."));
  }
  app.throttle.succeeded(name);
  const std::string token = app.sessions.create(user->name, call.now);
  call.set_cookies.push_back(set_cookie(kSessionCookie, token, call.secure));
  call.set_cookies.push_back(set_cookie(kLoginCookie, "", call.secure, 0));
  return redirect("/queue");
}

Response post_logout(AppState& app, Call& call) {
  app.sessions.remove(call.session_token);
  call.set_cookies.push_back(set_cookie(kSessionCookie, "", call.secure, 0));
  return redirect("/login");
}

}  // namespace galguard::review
