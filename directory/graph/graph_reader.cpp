// GraphReader: pages and the requests behind them.
#include "directory/graph/graph_reader.hpp"

#include <nlohmann/json.hpp>

#include "directory/graph/graph_errors.hpp"
#include "directory/graph/graph_urls.hpp"
#include "rules/text/ascii.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {
namespace {

using nlohmann::json;

// "@odata.nextLink" / "@odata.deltaLink": "" when absent; a link elsewhere is refused because the
// next request carries the bearer token.
std::string link(const json& page, const char* key, const GraphOptions& options,
                 const std::string& place, const std::string& label) {
  auto it = page.find(key);
  if (it == page.end() || it->is_null()) return {};
  if (!it->is_string())
    throw rules::InputError(place, label + ": malformed page: \"" + key + "\" is not a string");
  std::string url = it->get<std::string>();
  if (!is_below(url, options.graph))
    throw rules::InputError(place, label + ": malformed page: \"" + key + "\" leads outside " +
                                       options.graph + ": " + one_line(url, 200));
  return url;
}

}  // namespace

bool is_resync_error(long status, std::string_view code) {
  return status == 410 || rules::ascii_iequals(code, "syncStateNotFound") ||
         rules::ascii_iequals(code, "resyncRequired");
}

GraphReader::GraphReader(std::string place, const GraphOptions& options, HttpClient& http,
                         TokenCache& tokens, Sleep sleep,
                         std::function<void(const LoadProgress&)> on_progress)
    : place_(std::move(place)),
      options_(options),
      http_(http),
      tokens_(tokens),
      sleep_(std::move(sleep)),
      on_progress_(std::move(on_progress)) {}

std::string GraphReader::get(const std::string& url, const std::string& label) {
  for (bool renewed = false;; renewed = true) {
    const std::string& token = tokens_.token();
    RetriedResponse answer = send_with_retries(
        options_, place_, label, [&] { return http_.get(url, token); }, sleep_);
    HttpResponse& response = answer.response;
    if (response.status == 200) return std::move(response.body);
    // The token expired or was revoked between our clock and Graph's: one new token, once.
    if (response.status == 401 && !renewed) {
      tokens_.drop();
      continue;
    }
    if (response.status / 100 == 3)
      throw GraphError(place_,
                       label + ": " + std::to_string(response.status) + " redirect to " +
                           one_line(response.location, 200) + ", not followed",
                       response.status, {});
    std::string why = label + ": " + graph_error_text(response.status, response.body);
    if (!answer.gave_up.empty()) why += "; " + answer.gave_up;
    throw GraphError(place_, why, response.status, parse_graph_error(response.body).code);
  }
}

std::string GraphReader::read_all(const std::string& first_url, const OnItem& on_item) {
  std::string url = first_url;
  while (true) {
    const std::string label = "GET " + url_path(url);
    const std::string body = get(url, label);
    json page = json::parse(body, nullptr, false);
    if (page.is_discarded())
      throw rules::InputError(place_,
                              label + ": malformed page: not JSON (" + one_line(body, 80) + ")");
    if (!page.is_object())
      throw rules::InputError(place_, label + ": malformed page: not a JSON object");
    auto value = page.find("value");
    if (value == page.end() || !value->is_array())
      throw rules::InputError(place_, label + ": malformed page: no \"value\" array");
    const std::string next = link(page, "@odata.nextLink", options_, place_, label);
    const std::string delta = link(page, "@odata.deltaLink", options_, place_, label);
    for (const auto& item : *value)
      on_item(item);
    progress_.entries += value->size();
    ++progress_.pages;
    if (on_progress_) on_progress_(progress_);
    if (next.empty()) return delta;
    if (next == url)  // would never end
      throw rules::InputError(place_,
                              label + ": malformed page: \"@odata.nextLink\" is the page itself");
    url = next;
  }
}

}  // namespace galguard::directory::graph
