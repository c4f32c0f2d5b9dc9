// What the review UI's handlers share: the app's long-lived state, one request as the router
// prepared it (who asks, path parameters, parsed form), and the ways to answer. Internal to
// gateway/review/; review_app.hpp is the interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "gateway/quarantine/store.hpp"
#include "gateway/review/form.hpp"
#include "gateway/review/login_throttle.hpp"
#include "gateway/review/pages.hpp"
#include "gateway/review/review_app.hpp"
#include "gateway/review/session_table.hpp"

namespace galguard::review {

// Boost 1.74's beast::string_view is boost's, not std's.
inline std::string_view to_std(boost::beast::string_view text) {
  return {text.data(), text.size()};
}

struct AppState {
  AppState(const config::Config& config, quarantine::QuarantineStore& store, Clock now);

  const config::Config& config;
  quarantine::QuarantineStore& store;
  Clock now;
  SessionTable sessions;
  LoginThrottle throttle;
};

struct Call {
  explicit Call(const Request& r) : request(r) {}

  const Request& request;
  std::int64_t now = 0;
  bool secure = false;              // Secure on cookies we set
  std::optional<Viewer> viewer;     // nullopt: nobody logged in
  std::string session_token;        // the cookie's, when a session was found or made
  std::vector<std::string> params;  // the '*' segments of the route, percent-decoded
  Form query;
  Form form;                             // a POST's body
  std::vector<std::string> set_cookies;  // added to whatever response the handler returns

  const std::string& param(std::size_t i) const { return params.at(i); }
  std::string flash() const { return flash_text(query.get("done")); }
};

Response html_response(int status, std::string body);
Response redirect(std::string location);
Response error_response(const Call& call, int status, const std::string& sentence,
                        const std::string& back = "/queue");
Response download(std::string body, std::string_view content_type, std::string_view file_name);

// handlers_login.cpp
Response get_login(AppState& app, Call& call);
Response post_login(AppState& app, Call& call);
Response post_logout(AppState& app, Call& call);
// handlers_pages.cpp
Response get_queue(AppState& app, Call& call);
Response get_audit(AppState& app, Call& call);
Response post_audit_incident(AppState& app, Call& call);
Response get_log(AppState& app, Call& call);
// handlers_messages.cpp
Response get_message(AppState& app, Call& call);
Response post_body(AppState& app, Call& call);
Response post_release(AppState& app, Call& call);
Response post_delete(AppState& app, Call& call);
Response post_incident(AppState& app, Call& call);
Response post_not_incident(AppState& app, Call& call);
// handlers_incidents.cpp
Response get_incidents(AppState& app, Call& call);
Response get_incident(AppState& app, Call& call);
Response post_incident_edit(AppState& app, Call& call);
Response get_incident_export(AppState& app, Call& call);

}  // namespace galguard::review
