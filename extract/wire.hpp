// What the gateway and its sandboxed reader say to each other over the child's stdin and
// stdout. Request: one JSON line (limits, and each file's name, declared type, depth and size),
// then the files' bytes back to back. Reply: one JSON line per file, as soon as it is read, so
// that a reader that dies on the third file has still reported the first two.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "extract/limits.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::extract::wire {

nlohmann::json limits_to_json(const Limits& limits);
Limits limits_from_json(const nlohmann::json& json);

// The request line for view.attachments[indices...], without its trailing newline.
std::string request_header(const Limits& limits, const rules::MessageView& view,
                           const std::vector<std::size_t>& indices);

// The reply line for view.attachments[index] and the attachments from `first_inner` on (what
// was found inside it), each with its text blocks. Without the trailing newline.
std::string reply_line(const rules::MessageView& view, std::size_t file, std::size_t index,
                       std::size_t first_inner);

// Applies one reply line to view: the file's own attachment is updated, the ones inside it
// appended. Returns the reply's file number; throws std::exception on a line that does not
// parse (the parent then treats the reader as failed).
std::size_t apply_reply(const std::string& line, rules::MessageView& view,
                        const std::vector<std::size_t>& indices);

}  // namespace galguard::extract::wire
