// HttpClient on libcurl.
#include "directory/graph/http_client.hpp"

#include <curl/curl.h>

#include <mutex>
#include <string_view>

#include "rules/text/ascii.hpp"

namespace galguard::directory::graph {
namespace {

// A Graph page of 999 users is about 1 MB; far more is not a page but a broken or hostile server.
constexpr std::size_t kMaxBody = 256u << 20;

void global_init() {
  // curl_global_init is not thread-safe, and curl_easy_init would call it implicitly.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

}  // namespace

struct HttpClient::Impl {
  CURL* curl = nullptr;
  HttpResponse response;
  bool body_too_large = false;
  char error[CURL_ERROR_SIZE] = {};

  static size_t on_body(char* data, size_t size, size_t count, void* self_ptr) {
    auto* self = static_cast<Impl*>(self_ptr);
    const size_t n = size * count;
    if (self->response.body.size() + n > kMaxBody) {
      self->body_too_large = true;
      return 0;
    }
    self->response.body.append(data, n);
    return n;
  }

  static size_t on_header(char* data, size_t size, size_t count, void* self_ptr) {
    auto* self = static_cast<Impl*>(self_ptr);
    const size_t n = size * count;
    const std::string_view line(data, n);
    // A new status line (after "100 Continue" or an interim answer) starts a new header block.
    if (line.starts_with("HTTP/")) {
      self->response.retry_after.clear();
      self->response.location.clear();
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return n;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = rules::ascii_trim(line.substr(colon + 1));
    if (rules::ascii_iequals(name, "Retry-After")) self->response.retry_after = value;
    if (rules::ascii_iequals(name, "Location")) self->response.location = value;
    return n;
  }

  HttpResponse perform(const std::string& url, HeaderList& headers) {
    response = {};
    body_too_large = false;
    error[0] = '\0';
    headers.add("Accept: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
    const CURLcode rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    if (body_too_large)
      throw std::runtime_error("answer larger than " + std::to_string(kMaxBody >> 20) + " MiB");
    if (rc != CURLE_OK)
      throw TransportError(error[0] != '\0' ? std::string(error) : curl_easy_strerror(rc));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return std::move(response);
  }
};

HttpClient::HttpClient(const GraphOptions& options) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->curl = curl_easy_init();
  if (impl_->curl == nullptr) throw std::runtime_error("curl_easy_init failed");
  CURL* c = impl_->curl;
  static const std::string user_agent = std::string("galguard/") + GALGUARD_VERSION;
  curl_easy_setopt(c, CURLOPT_USERAGENT, user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, impl_->error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Impl::on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, impl_.get());
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &Impl::on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, impl_.get());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  // A redirect is reported, not followed: the Authorization header must not travel elsewhere.
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL,
                   1L);  // no SIGALRM for DNS timeouts in the gateway's threads
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
}

HttpClient::~HttpClient() {
  if (impl_ && impl_->curl != nullptr) curl_easy_cleanup(impl_->curl);
}

HttpResponse HttpClient::get(const std::string& url, const std::string& bearer_token) {
  curl_easy_setopt(impl_->curl, CURLOPT_HTTPGET, 1L);
  HeaderList headers;
  headers.add("Authorization: Bearer " + bearer_token);
  return impl_->perform(url, headers);
}

HttpResponse HttpClient::post_form(const std::string& url, const std::string& form) {
  curl_easy_setopt(impl_->curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
  curl_easy_setopt(impl_->curl, CURLOPT_COPYPOSTFIELDS, form.c_str());
  HeaderList headers;
  headers.add("Content-Type: application/x-www-form-urlencoded");
  return impl_->perform(url, headers);
}

}  // namespace galguard::directory::graph
