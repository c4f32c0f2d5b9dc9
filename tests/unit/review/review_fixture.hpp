// A ReviewApp over a MemoryStore with a clock the test moves, and a browser's worth of cookie
// handling: enough to drive every page the way the DPO's browser would.
#pragma once

#include <gtest/gtest.h>

#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "gateway/config/config.hpp"
#include "gateway/quarantine/memory_store.hpp"
#include "gateway/review/password.hpp"
#include "gateway/review/review_app.hpp"

namespace galguard::review::testing {

namespace http = boost::beast::http;

inline constexpr std::int64_t kStart = 1'795'000'000;  // 2026-11-18T...Z
inline constexpr const char* kPassword = "correct horse battery";

inline std::string header(const Response& r, http::field f) {
  const auto v = r[f];
  return std::string(v.data(), v.size());
}
inline std::string header(const Response& r, const char* name) {
  const auto v = r[name];
  return std::string(v.data(), v.size());
}

inline int count_of(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

inline quarantine::HeldMessage message_with(std::string display_name, std::string subject,
                                            std::int64_t received_at,
                                            std::string from = "it@example.org",
                                            std::vector<std::string> codes = {"GG101"}) {
  quarantine::HeldMessage m;
  m.received_at = received_at;
  m.raw = "From: <" + from + ">\r\nTo: \"" + display_name +
          "\" <m.exempel@student.example.net>\r\nSubject: " + subject +
          "\r\n\r\nHej, personnummer 19121212-1212.\r\n<b>body</b>\r\n";
  m.envelope = {from, {"m.exempel@student.example.net"}, "mx.example.org", "192.0.2.7", ""};
  nlohmann::json finding = {{"code", codes.empty() ? "" : codes.front()},
                            {"severity", "high"},
                            {"header", "To"},
                            {"display_name", display_name},
                            {"address", "m.exempel@student.example.net"},
                            {"expected", {"servicedesk@example.org"}},
                            {"explanation", "The name belongs to an internal entry."}};
  m.verdict_json =
      nlohmann::json{
          {"verdict", "quarantine"},
          {"severity", "high"},
          {"findings", {finding}},
          {"personal_data",
           {{"identity_numbers", 1}, {"categories", {"identity_number"}}, {"places", {"body"}}}}}
          .dump();
  m.codes = std::move(codes);
  m.personal_data = {1, {"identity_number"}};
  return m;
}

class ReviewTest : public ::testing::Test {
 protected:
  ReviewTest() {
    config.review.max_login_failures = 3;
    config.review.lockout = std::chrono::minutes(15);
    config.audit_reports = "/nonexistent/galguard-audit";
  }

  ReviewApp& app() {
    if (!app_) app_ = std::make_unique<ReviewApp>(config, store, [this] { return now; });
    return *app_;
  }

  void add_user(const std::string& name, quarantine::Role role) {
    store.add_user({name, role, hash_password(kPassword, HashCost::minimum), now}, "test", now);
  }

  Request request(http::verb method, const std::string& target, std::string body = {}) {
    Request r{method, target, 11};
    std::string cookie;
    for (const auto& [k, v] : cookies)
      cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie.empty()) r.set(http::field::cookie, cookie);
    if (method == http::verb::post)
      r.set(http::field::content_type, "application/x-www-form-urlencoded");
    r.body() = std::move(body);
    r.prepare_payload();
    return r;
  }

  // Keeps the cookies the response sets, as a browser would.
  Response send(const Request& r, const std::string& peer = "127.0.0.1") {
    Response response = app().handle(r, peer);
    for (const auto& field : response) {
      if (field.name() != http::field::set_cookie) continue;
      const std::string line(field.value().data(), field.value().size());
      const auto eq = line.find('=');
      const auto semi = line.find(';');
      const std::string name = line.substr(0, eq);
      const std::string value = line.substr(eq + 1, semi - eq - 1);
      if (line.find("Max-Age=0") != std::string::npos)
        cookies.erase(name);
      else
        cookies[name] = value;
    }
    return response;
  }

  Response get(const std::string& target, const std::string& peer = "127.0.0.1") {
    return send(request(http::verb::get, target), peer);
  }
  Response post(const std::string& target, const std::string& body,
                const std::string& peer = "127.0.0.1") {
    return send(request(http::verb::post, target, body), peer);
  }
  // With the CSRF token of the page last fetched.
  Response post_form(const std::string& target, const std::string& fields = "") {
    return post(target, "csrf=" + csrf + (fields.empty() ? "" : "&" + fields));
  }

  static std::string csrf_of(const std::string& page) {
    std::smatch m;
    static const std::regex re(R"re(name="csrf" value="([A-Za-z0-9_-]+)")re");
    return std::regex_search(page, m, re) ? m[1].str() : std::string{};
  }

  Response login(const std::string& name, const std::string& password = kPassword) {
    const Response form = get("/login");
    return post("/login", "csrf=" + csrf_of(form.body()) + "&name=" + name +
                              "&password=" + std::regex_replace(password, std::regex(" "), "+"));
  }

  // Logs in and remembers the session's CSRF token from the queue page.
  void login_as(const std::string& name, quarantine::Role role) {
    add_user(name, role);
    const Response r = login(name);
    ASSERT_EQ(r.result(), http::status::see_other) << r.body();
    const Response queue = get("/queue");
    ASSERT_EQ(queue.result(), http::status::ok);
    csrf = csrf_of(queue.body());
    ASSERT_FALSE(csrf.empty());
  }

  config::Config config = config::default_config();
  quarantine::MemoryStore store;
  std::int64_t now = kStart;
  std::map<std::string, std::string> cookies;
  std::string csrf;

 private:
  std::unique_ptr<ReviewApp> app_;
};

}  // namespace galguard::review::testing
