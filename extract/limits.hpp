// How much of a message's attachments galguard reads, and where it stops. A hostile file must
// cost bounded time and memory; past any limit the rest is listed as "not inspected: limit",
// never dropped silently and never a crash.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace galguard::extract {

struct Limits {
  std::size_t max_text_bytes = 16 * 1024 * 1024;  // text from all attachments of one message
  std::size_t max_file_bytes = 64 * 1024 * 1024;  // one file, as attached or unpacked
  int max_depth = 4;                              // archives and messages inside each other
  std::size_t max_entries = 1000;                 // archive members, all archives of a message
  std::uint32_t max_ratio = 200;                  // uncompressed ÷ compressed, per member
  int max_pdf_pages = 1000;
  // The sandboxed child (extract/sandbox.hpp); 0 turns a limit off (tests, the fuzzers).
  std::size_t child_memory_bytes = 1024 * 1024 * 1024;
  std::chrono::seconds child_cpu_time{20};
  std::chrono::seconds child_wall_time{30};  // for all files of one message
};

}  // namespace galguard::extract
