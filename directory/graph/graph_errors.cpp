// Error bodies of Graph and of the Microsoft identity platform's token endpoint.
#include "directory/graph/graph_errors.hpp"

#include <nlohmann/json.hpp>

namespace galguard::directory::graph {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json parse_object(std::string_view body) {
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  return j.is_object() ? j : json();
}

std::string status_and_excerpt(long status, std::string_view body) {
  std::string text = std::to_string(status);
  const std::string excerpt = one_line(body, 200);
  if (!excerpt.empty()) text += ": " + excerpt;
  return text;
}

}  // namespace

std::string one_line(std::string_view text, std::size_t limit) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += byte < 0x20 || byte == 0x7F ? ' ' : c;
  }
  const auto first = out.find_first_not_of(' ');
  const auto last = out.find_last_not_of(' ');
  out = first == std::string::npos ? std::string() : out.substr(first, last - first + 1);
  if (out.size() <= limit) return out;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
    --cut;
  return out.substr(0, cut) + "…";
}

GraphErrorBody parse_graph_error(std::string_view body) {
  const json j = parse_object(body);
  if (j.is_null()) return {};
  auto error = j.find("error");
  if (error == j.end() || !error->is_object()) return {};
  GraphErrorBody out{string_field(*error, "code"), string_field(*error, "message"), {}};
  for (const char* inner_key : {"innerError", "innererror"}) {
    auto inner = error->find(inner_key);
    if (inner == error->end()) continue;
    out.request_id = string_field(*inner, "request-id");
    if (out.request_id.empty()) out.request_id = string_field(*inner, "requestId");
    if (!out.request_id.empty()) break;
  }
  return out;
}

std::string graph_error_text(long status, std::string_view body) {
  const GraphErrorBody error = parse_graph_error(body);
  if (error.code.empty() && error.message.empty()) return status_and_excerpt(status, body);
  std::string text = std::to_string(status) + " " + one_line(error.code, 100);
  if (!error.message.empty()) text += ": " + one_line(error.message);
  if (!error.request_id.empty()) text += " (request-id " + one_line(error.request_id, 100) + ")";
  return text;
}

std::string token_error_text(long status, std::string_view body) {
  const json j = parse_object(body);
  const std::string error = string_field(j, "error");
  if (error.empty()) return status_and_excerpt(status, body);
  std::string description = string_field(j, "error_description");
  // AADSTS descriptions append "\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ...".
  description = description.substr(0, description.find_first_of("\r\n"));
  std::string text = std::to_string(status) + " " + one_line(error, 100);
  if (!description.empty()) text += ": " + one_line(description);
  std::string details;
  if (auto codes = j.find("error_codes"); codes != j.end() && codes->is_array()) {
    for (const auto& code : *codes) {
      if (!code.is_number_integer()) continue;
      details += details.empty() ? "error codes " : " ";
      details += std::to_string(code.get<long long>());
    }
  }
  if (const std::string trace = string_field(j, "trace_id"); !trace.empty())
    details += (details.empty() ? "" : ", ") + std::string("trace id ") + one_line(trace, 100);
  if (!details.empty()) text += " (" + details + ")";
  return text;
}

}  // namespace galguard::directory::graph
