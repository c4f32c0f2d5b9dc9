// What Graph and the token endpoint say when they refuse, turned into one line for the user.
// Pure functions over the status and the body.
#pragma once

#include <string>
#include <string_view>

#include "rules/text/input_error.hpp"

namespace galguard::directory::graph {

// {"error":{"code","message","innerError":{"request-id"|"requestId"}}}; empty fields when the body
// does not have that shape.
struct GraphErrorBody {
  std::string code;
  std::string message;
  std::string request_id;
};
GraphErrorBody parse_graph_error(std::string_view body);

// "403 Authorization_RequestDenied: Insufficient privileges to complete the operation.
// (request-id 1c2d…)"; without Graph's shape, the status and the start of the body.
std::string graph_error_text(long status, std::string_view body);

// The token endpoint's {"error","error_description","error_codes","trace_id"} →
// "401 invalid_client: AADSTS7000215: Invalid client secret provided. (error codes 7000215,
// trace id 0b1c…)". The description's own "Trace ID:/Correlation ID:" lines are cut.
std::string token_error_text(long status, std::string_view body);

// A refused Graph request, after retries: what() is "graph://T: GET /v1.0/users: 403 ...".
// status and code let the delta reader see that its state is gone (410, syncStateNotFound).
class GraphError : public rules::InputError {
 public:
  GraphError(std::string place, const std::string& message, long status, std::string code)
      : rules::InputError(std::move(place), message), status_(status), code_(std::move(code)) {}
  long status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  long status_;
  std::string code_;
};

// Text from a server, made safe for one log line: control characters become spaces, at most
// `limit` bytes (cut at a character boundary, "…" appended).
std::string one_line(std::string_view text, std::size_t limit = 300);

}  // namespace galguard::directory::graph
