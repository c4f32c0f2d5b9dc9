// Reads a message's attachments in a child process: posix_spawn of the worker command
// (`galguard extract --worker`), which limits its own memory and CPU time before reading, and a
// wall-clock deadline here. A reader that dies, loops or floods its output costs the file it
// was reading ("not inspected: limit: time" and the like), never the gateway or other files.
#pragma once

#include <string>
#include <vector>

#include "extract/limits.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::extract {

struct Sandbox {
  std::vector<std::string> command;  // argv of the worker; command[0] is a path
  Limits limits;
};

// The worker command of the running galguard binary.
std::vector<std::string> own_worker_command();

// Reads every attachment of view still holding its bytes, as read_attachments does, in a child.
// Blocking: call it off the I/O thread.
void read_attachments_sandboxed(rules::MessageView& view, const Sandbox& sandbox);

}  // namespace galguard::extract
