// The Cookie request header and Set-Cookie lines. The review UI sets two cookies: the session
// (galguard_session) and the login form's double-submit token (galguard_login).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace galguard::review {

inline constexpr std::string_view kSessionCookie = "galguard_session";
inline constexpr std::string_view kLoginCookie = "galguard_login";

// The value of `name` in a Cookie header ("a=1; b=2"); the first one when it repeats.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

// HttpOnly and SameSite=Strict always: no script reads it and no other site's form sends it.
// max_age 0 deletes the cookie; nullopt makes it a session cookie (gone with the browser).
std::string set_cookie(std::string_view name, std::string_view value, bool secure,
                       std::optional<long> max_age = std::nullopt);

}  // namespace galguard::review
