// The sandboxed reader's side (`galguard extract --worker`): limits itself with setrlimit before
// it reads a byte of a file, then reads the request on `in` and writes a reply line per file on
// `out` (extract/wire.hpp). A hostile file can cost this process, never the gateway.
#pragma once

#include <cstdio>
#include <functional>

#include "rules/message/message_view.hpp"

namespace galguard::extract {

// Returns the process's exit code: 0 after every file was answered, 2 for a request that does
// not parse (a bug in the parent, not a hostile file).
// `before_each` runs before each file is read, after the limits are set: the tests' way to make
// a reader loop, crash or run out of memory on a chosen file.
int run_worker(std::FILE* in, std::FILE* out,
               const std::function<void(const rules::Attachment&)>& before_each = {});

}  // namespace galguard::extract
