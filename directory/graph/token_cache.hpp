// An access token for Graph from the client credentials grant, kept until shortly before it
// expires: one token request serves every page and every load within its lifetime.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "directory/graph/graph_options.hpp"
#include "directory/graph/http_client.hpp"
#include "directory/graph/retry.hpp"

namespace galguard::directory::graph {

// The secret from options.client_secret_file (trailing line ends cut), else from the environment
// variable options.client_secret_env; "" when neither gives one.
std::string read_client_secret(const GraphOptions& options);

// The form of the token request (without the credential for a certificate: `credential` is then
// "client_assertion_type=...&client_assertion=JWT").
std::string token_form(const GraphOptions& options, const std::string& credential);

// The token answer's access_token and expires_in (a number, or a string as the v1 endpoint
// sends it). Throws std::runtime_error saying what is missing.
struct TokenAnswer {
  std::string access_token;
  std::chrono::seconds expires_in{0};
};
TokenAnswer parse_token_answer(std::string_view body);

class TokenCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // `place` ("graph://TENANT") starts every error message.
  TokenCache(std::string place, std::string tenant, const GraphOptions& options, HttpClient& http,
             Sleep sleep, Clock clock);

  // The cached token, or a new one. Throws rules::InputError when the token is refused.
  const std::string& token();
  // After Graph said the token is no longer good.
  void drop() { token_.clear(); }
  int requests() const { return requests_; }

 private:
  std::string credential() const;

  std::string place_;
  std::string url_;
  const GraphOptions& options_;
  HttpClient& http_;
  Sleep sleep_;
  Clock clock_;
  std::string token_;
  std::chrono::steady_clock::time_point renew_at_{};
  int requests_ = 0;
};

}  // namespace galguard::directory::graph
