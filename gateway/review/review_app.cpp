#include "gateway/review/review_app.hpp"

#include <boost/beast/http/verb.hpp>

#include <algorithm>
#include <array>
#include <chrono>

#include "gateway/metrics/address_range.hpp"
#include "gateway/metrics/exposition.hpp"
#include "gateway/review/cookies.hpp"
#include "gateway/review/review_call.hpp"
#include "gateway/review/style.hpp"

namespace galguard::review {
namespace {

using http::verb;

enum class Access {
  anyone,     // the login page and the stylesheet
  logged_in,  // any account; a POST still needs the session's CSRF token
  dpo,        // decisions, the body, edits: a viewer gets 403
};

using Handler = Response (*)(AppState&, Call&);

// One row per route: method, path with '*' for one segment, who may, what runs. The router
// checks the access column before the handler runs, so no handler can forget it.
struct Route {
  verb method;
  std::string_view pattern;
  Access access;
  Handler handler;
};

const std::array kRoutes = {
    Route{verb::get, "/login", Access::anyone, get_login},
    Route{verb::post, "/login", Access::anyone, post_login},
    Route{verb::post, "/logout", Access::logged_in, post_logout},
    Route{verb::get, "/queue", Access::logged_in, get_queue},
    Route{verb::get, "/messages/*", Access::logged_in, get_message},
    Route{verb::post, "/messages/*/body", Access::dpo, post_body},
    Route{verb::post, "/messages/*/release", Access::dpo, post_release},
    Route{verb::post, "/messages/*/delete", Access::dpo, post_delete},
    Route{verb::post, "/messages/*/incident", Access::dpo, post_incident},
    Route{verb::post, "/messages/*/not-incident", Access::dpo, post_not_incident},
    Route{verb::get, "/incidents", Access::logged_in, get_incidents},
    Route{verb::get, "/incidents/*", Access::logged_in, get_incident},
    Route{verb::post, "/incidents/*", Access::dpo, post_incident_edit},
    Route{verb::get, "/incidents/*/export", Access::logged_in, get_incident_export},
    Route{verb::get, "/audit", Access::logged_in, get_audit},
    Route{verb::post, "/audit/incident", Access::dpo, post_audit_incident},
    Route{verb::get, "/log", Access::logged_in, get_log},
};

constexpr std::string_view kSecurityHeaders[][2] = {
    {"Content-Security-Policy",
     "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
     "frame-ancestors 'none'; base-uri 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"Cache-Control", "no-store"},
    {"X-Frame-Options", "DENY"},
};

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// The '*' segments when the path fits the pattern.
std::optional<std::vector<std::string>> match(std::string_view pattern,
                                              const std::vector<std::string>& segments) {
  const auto parts = split_path(pattern);
  if (parts.size() != segments.size()) return std::nullopt;
  std::vector<std::string> params;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == "*") {
      if (segments[i].empty()) return std::nullopt;
      params.push_back(segments[i]);
    } else if (parts[i] != segments[i]) {
      return std::nullopt;
    }
  }
  return params;
}

// "::ffff:127.0.0.1" is how a dual-stack listener reports an IPv4 peer.
std::string_view plain_address(std::string_view peer) {
  if (peer.starts_with("::ffff:") && peer.find('.') != std::string_view::npos)
    peer.remove_prefix(7);
  return peer;
}

bool is_trusted_proxy(const config::ReviewSettings& settings, std::string_view peer) {
  const std::string_view address = plain_address(peer);
  return std::any_of(settings.trusted_proxies.begin(), settings.trusted_proxies.end(),
                     [&](const std::string& p) { return plain_address(p) == address; });
}

// Who is asking: a trusted proxy's user header, else the session cookie. Returns a refusal
// when a trusted proxy names an account that does not exist.
std::optional<Response> identify(AppState& app, Call& call, const std::string& peer) {
  const auto& settings = app.config.review;
  const bool trusted = is_trusted_proxy(settings, peer);
  call.secure =
      settings.secure_cookies || (trusted && call.request["X-Forwarded-Proto"] == "https");
  std::string token =
      cookie_value(to_std(call.request[http::field::cookie]), kSessionCookie).value_or("");
  std::optional<Session> session = app.sessions.find(token, call.now);

  if (trusted && !settings.user_header.empty() &&
      call.request.find(settings.user_header) != call.request.end()) {
    const std::string name(to_std(call.request[settings.user_header]));
    const auto user = app.store.user(name);
    if (!user)
      return error_response(call, 403,
                            "The proxy says you are " + name +
                                ", but there is no account of that name here. Ask an "
                                "administrator to add it (galguard users add).");
    // The CSRF token lives in a session, so a proxy-authenticated user gets one too.
    if (!session || session->user != name) {
      token = app.sessions.create(name, call.now);
      session = app.sessions.find(token, call.now);
      call.set_cookies.push_back(set_cookie(kSessionCookie, token, call.secure));
    }
    call.viewer = Viewer{user->name, user->role, session->csrf};
    call.session_token = token;
    return std::nullopt;
  }

  if (!session) return std::nullopt;
  // The role is read at every request: a demoted or removed account loses its rights at once.
  const auto user = app.store.user(session->user);
  if (!user) {
    app.sessions.remove(token);
    return std::nullopt;
  }
  call.viewer = Viewer{user->name, user->role, session->csrf};
  call.session_token = token;
  return std::nullopt;
}

Response route(AppState& app, Call& call, const std::string& peer) {
  const Request& request = call.request;
  const std::string_view target = to_std(request.target());
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  if (!path.starts_with('/')) return error_response(call, 400, "That is not a path.");

  if (request.method() == verb::get && path == "/style.css") {
    Response css = html_response(200, std::string(stylesheet()));
    css.set(http::field::content_type, "text/css; charset=utf-8");
    return css;
  }

  if (question != std::string_view::npos) {
    auto query = parse_form(target.substr(question + 1));
    if (!query) return error_response(call, 400, "The address has a malformed query.");
    call.query = std::move(*query);
  }
  std::vector<std::string> segments;
  for (const auto segment : split_path(path)) {
    auto decoded = percent_decode(segment);
    if (!decoded) return error_response(call, 400, "The address is malformed.");
    segments.push_back(std::move(*decoded));
  }

  if (auto refusal = identify(app, call, peer)) return std::move(*refusal);

  if (request.method() == verb::get && (path == "/" || path.empty()))
    return redirect(call.viewer ? "/queue" : "/login");

  const Route* found = nullptr;
  bool path_known = false;
  for (const auto& r : kRoutes) {
    auto params = match(r.pattern, segments);
    if (!params) continue;
    path_known = true;
    if (r.method != request.method()) continue;
    found = &r;
    call.params = std::move(*params);
    break;
  }
  if (!found)
    return path_known ? error_response(call, 405, "This page does not take that method.")
                      : error_response(call, 404, "There is no such page.");

  if (request.method() == verb::post) {
    if (request.body().size() > kMaxFormBytes)
      return error_response(call, 413, "The form is too large.");
    auto form = parse_form(request.body());
    if (!form) return error_response(call, 400, "The form could not be read.");
    call.form = std::move(*form);
  }

  if (found->access == Access::anyone) return found->handler(app, call);
  if (!call.viewer) {
    if (request.method() == verb::get) return redirect("/login");
    return error_response(call, 403,
                          "You are not logged in (or your session ended). Log in and try again.");
  }
  if (request.method() == verb::post && !tokens_equal(call.form.get("csrf"), call.viewer->csrf))
    return error_response(call, 403,
                          "This form did not carry your session's security token, so it was "
                          "refused: it may come from another site or an old page. Reload the "
                          "page and try again.");
  if (found->access == Access::dpo && !call.viewer->may_act())
    return error_response(call, 403, "Your account may look but not act: only a DPO may do this.");
  return found->handler(app, call);
}

// /metrics is for Prometheus, which does not log in: the TCP peer's address decides, never a
// session (a DPO's browser elsewhere gets 403 too) and never X-Forwarded-For. A request a
// trusted proxy forwards comes from someone behind it, so it is refused even when the proxy
// itself is in metrics_from (a proxy on loopback would otherwise open /metrics to everyone).
Response scrape(AppState& app, metrics::GatewayMetrics& metrics,
                const std::vector<metrics::AddressRange>& from, const Request& request,
                const std::string& peer) {
  const bool forwarded = request.find("X-Forwarded-For") != request.end() ||
                         request.find(http::field::forwarded) != request.end();
  auto plain = [](http::status status, std::string body) {
    Response response{status, 11};
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = std::move(body);
    return response;
  };
  if (!metrics::any_contains(from, peer) ||
      (forwarded && is_trusted_proxy(app.config.review, peer)))
    return plain(http::status::forbidden,
                 "403 Forbidden: /metrics is served only to [review] metrics_from addresses\n");
  if (request.method() != verb::get)
    return plain(http::status::method_not_allowed, "405 Method Not Allowed\n");
  // Counted here, on the listener's own store connection, so it is what the queue page shows.
  quarantine::ListFilter held;
  held.state = quarantine::State::held;
  metrics.quarantine_held(app.store.count(held));
  Response response = plain(http::status::ok, metrics.render());
  response.set(http::field::content_type, boost::beast::string_view(metrics::kContentType.data(),
                                                                    metrics::kContentType.size()));
  return response;
}

void finish(Response& response, const std::vector<std::string>& set_cookies) {
  for (const auto& cookie : set_cookies)
    response.insert(http::field::set_cookie, cookie);
  for (const auto& [name, value] : kSecurityHeaders)
    response.set(boost::beast::string_view(name.data(), name.size()),
                 boost::beast::string_view(value.data(), value.size()));
  response.prepare_payload();
}

}  // namespace

AppState::AppState(const config::Config& c, quarantine::QuarantineStore& s, Clock clock)
    : config(c),
      store(s),
      now(std::move(clock)),
      sessions(c.review.session_idle, c.review.session_max),
      throttle(c.review.max_login_failures, c.review.lockout) {}

Response html_response(int status, std::string body) {
  Response response{static_cast<http::status>(status), 11};
  response.set(http::field::content_type, "text/html; charset=utf-8");
  response.body() = std::move(body);
  return response;
}

Response redirect(std::string location) {
  Response response{http::status::see_other, 11};
  response.set(http::field::location, location);
  return response;
}

Response error_response(const Call& call, int status, const std::string& sentence,
                        const std::string& back) {
  return html_response(status,
                       error_page(status, sentence, call.viewer ? &*call.viewer : nullptr, back));
}

Response download(std::string body, std::string_view content_type, std::string_view file_name) {
  Response response{http::status::ok, 11};
  response.set(http::field::content_type,
               boost::beast::string_view(content_type.data(), content_type.size()));
  response.set(http::field::content_disposition,
               "attachment; filename=\"" + std::string(file_name) + "\"");
  response.body() = std::move(body);
  return response;
}

struct ReviewApp::State {
  State(const config::Config& config, quarantine::QuarantineStore& store, Clock now,
        metrics::GatewayMetrics* m)
      : app(config, store, std::move(now)),
        metrics(m),
        metrics_from(metrics::parse_ranges(config.review.metrics_from)) {}
  AppState app;
  metrics::GatewayMetrics* metrics;
  std::vector<metrics::AddressRange> metrics_from;
};

ReviewApp::ReviewApp(const config::Config& config, quarantine::QuarantineStore& store, Clock now,
                     metrics::GatewayMetrics* metrics)
    : state_(std::make_unique<State>(config, store, std::move(now), metrics)) {}

ReviewApp::~ReviewApp() = default;

Response ReviewApp::handle(const Request& request, const std::string& peer) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> set_cookies;
  Response response;
  try {
    const std::string_view target = to_std(request.target());
    if (target.substr(0, target.find('?')) == "/metrics" && state_->metrics &&
        !state_->metrics_from.empty()) {
      response = scrape(state_->app, *state_->metrics, state_->metrics_from, request, peer);
      response.version(request.version());
      response.keep_alive(request.keep_alive());
      finish(response, {});
      state_->metrics->review_request(std::chrono::steady_clock::now() - started);
      return response;
    }
    Call call(request);
    call.now = state_->app.now();
    response = route(state_->app, call, peer);
    set_cookies = std::move(call.set_cookies);
    response.version(request.version());
    response.keep_alive(request.keep_alive());
  } catch (...) {
    // Nothing of the message or the request goes into the page or a log: the exception's text
    // may quote either.
    try {
      response = html_response(
          500, error_page(500,
                          "The server could not complete this. If you made a decision, check "
                          "the action log before repeating it.",
                          nullptr));
    } catch (...) {
      response = Response{http::status::internal_server_error, request.version()};
      response.set(http::field::content_type, "text/plain; charset=utf-8");
      response.body() = "500 Internal Server Error\n";
    }
    set_cookies.clear();
  }
  finish(response, set_cookies);
  if (state_->metrics) state_->metrics->review_request(std::chrono::steady_clock::now() - started);
  return response;
}

}  // namespace galguard::review
