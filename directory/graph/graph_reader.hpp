// Reading Graph collections page by page: authenticated GETs (token, retries, one new token after
// a 401), page checks, @odata.nextLink to the end, and the @odata.deltaLink at the end of a
// delta round.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <string>

#include "directory/graph/graph_options.hpp"
#include "directory/graph/http_client.hpp"
#include "directory/graph/retry.hpp"
#include "directory/graph/token_cache.hpp"
#include "directory/source_options.hpp"

namespace galguard::directory::graph {

// True when a delta link is no longer usable and a full round must start over.
bool is_resync_error(long status, std::string_view code);

class GraphReader {
 public:
  using OnItem = std::function<void(const nlohmann::json& item)>;

  GraphReader(std::string place, const GraphOptions& options, HttpClient& http, TokenCache& tokens,
              Sleep sleep, std::function<void(const LoadProgress&)> on_progress);

  // Every page from `url` on; returns the deltaLink of the last page ("" when it has none).
  // Throws GraphError when Graph refuses a request, rules::InputError on a malformed page.
  std::string read_all(const std::string& url, const OnItem& on_item);

  // Counted since the last reset (one load).
  void reset_progress() { progress_ = {}; }

 private:
  // The body of a 200 answer to GET url, after retries and at most one new token.
  std::string get(const std::string& url, const std::string& label);

  std::string place_;
  const GraphOptions& options_;
  HttpClient& http_;
  TokenCache& tokens_;
  Sleep sleep_;
  std::function<void(const LoadProgress&)> on_progress_;
  LoadProgress progress_;
};

}  // namespace galguard::directory::graph
