// Client credentials grant against the Microsoft identity platform (v2.0 token endpoint).
#include "directory/graph/token_cache.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "directory/graph/client_assertion.hpp"
#include "directory/graph/graph_errors.hpp"
#include "directory/graph/graph_urls.hpp"
#include "directory/secret.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {
namespace {

// Renew this long before expiry, so that a token never runs out between two pages of a load.
constexpr std::chrono::minutes kRenewEarly{5};

}  // namespace

std::string read_client_secret(const GraphOptions& options) {
  return read_secret(options.client_secret_file, options.client_secret_env,
                     options.client_secret_file, "client_secret_file");
}

std::string token_form(const GraphOptions& options, const std::string& credential) {
  return "client_id=" + query_escape(options.client_id) +
         "&scope=" + query_escape(token_scope(options)) + "&grant_type=client_credentials&" +
         credential;
}

TokenAnswer parse_token_answer(std::string_view body) {
  const nlohmann::json j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (!j.is_object()) throw std::runtime_error("token answer is not a JSON object");
  TokenAnswer answer;
  auto token = j.find("access_token");
  if (token == j.end() || !token->is_string() || token->get_ref<const std::string&>().empty())
    throw std::runtime_error("token answer without access_token");
  answer.access_token = token->get<std::string>();
  auto expires = j.find("expires_in");
  long long seconds = -1;
  if (expires != j.end() && expires->is_number_integer()) seconds = expires->get<long long>();
  if (expires != j.end() && expires->is_string()) {
    try {
      seconds = std::stoll(expires->get<std::string>());
    } catch (const std::exception&) {
    }
  }
  if (seconds < 0) throw std::runtime_error("token answer without a valid expires_in");
  answer.expires_in = std::chrono::seconds(seconds);
  return answer;
}

TokenCache::TokenCache(std::string place, std::string tenant, const GraphOptions& options,
                       HttpClient& http, Sleep sleep, Clock clock)
    : place_(std::move(place)),
      url_(token_url(options, tenant)),
      options_(options),
      http_(http),
      sleep_(std::move(sleep)),
      clock_(std::move(clock)) {}

std::string TokenCache::credential() const {
  if (!options_.certificate_file.empty()) {
    const CertificateCredential certificate(options_.certificate_file,
                                            options_.certificate_key_file);
    return "client_assertion_type=" +
           query_escape("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
           "&client_assertion=" +
           certificate.assertion(url_, options_.client_id, std::chrono::system_clock::now());
  }
  const std::string secret = read_client_secret(options_);
  if (secret.empty())
    throw rules::InputError(place_, "no client credential: set client_secret_file, the " +
                                        options_.client_secret_env +
                                        " environment variable, or certificate_file");
  return "client_secret=" + query_escape(secret);
}

const std::string& TokenCache::token() {
  if (!token_.empty() && clock_() < renew_at_) return token_;
  token_.clear();
  const std::string form = token_form(options_, credential());
  const std::string label = "POST " + url_;
  RetriedResponse answer = send_with_retries(
      options_, place_, label,
      [&] {
        ++requests_;
        return http_.post_form(url_, form);
      },
      sleep_);
  const HttpResponse& response = answer.response;
  if (response.status != 200) {
    std::string why =
        label + ": token refused: " + token_error_text(response.status, response.body);
    if (!answer.gave_up.empty()) why += "; " + answer.gave_up;
    throw rules::InputError(place_, why);
  }
  try {
    TokenAnswer parsed = parse_token_answer(response.body);
    token_ = std::move(parsed.access_token);
    // A token shorter-lived than the margin (unusual) is still used for half its life.
    renew_at_ = clock_() + std::max<std::chrono::seconds>(parsed.expires_in - kRenewEarly,
                                                          parsed.expires_in / 2);
  } catch (const std::runtime_error& e) {
    throw rules::InputError(place_, label + ": " + e.what());
  }
  return token_;
}

}  // namespace galguard::directory::graph
