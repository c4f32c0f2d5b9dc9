// A small blocking HTTP client on one libcurl easy handle: reused for every request of a source,
// so the TLS connections to the token endpoint and to Graph are kept between pages and loads.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "directory/graph/graph_options.hpp"

namespace galguard::directory::graph {

struct HttpResponse {
  long status = 0;
  std::string retry_after;  // the Retry-After header, "" when absent
  std::string location;     // the Location header of a redirect, which is not followed
  std::string body;
};

// The request got no HTTP answer (refused, reset, timed out, TLS failed); worth retrying.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HttpClient {
 public:
  // Uses options.timeout (whole request) and options.ca_file.
  explicit HttpClient(const GraphOptions& options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Throw TransportError when there is no HTTP answer; any status is an answer.
  HttpResponse get(const std::string& url, const std::string& bearer_token);
  HttpResponse post_form(const std::string& url, const std::string& form);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace galguard::directory::graph
