// The bytes of the message being received. Small messages stay in memory; once a message grows
// past the memory limit it moves to an unlinked file in the spool directory, so a 50 MB message
// costs page cache, not heap. view() gives the whole message as one string_view either way (a
// read-only mapping of the file), which is what the parser, the relay and the quarantine take.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace galguard::smtp {

struct SpoolOptions {
  std::string directory;  // empty = memory only (tests, the fuzzer)
  std::size_t memory_limit = 1024 * 1024;
};

class Spool {
 public:
  explicit Spool(SpoolOptions options = {});
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // Throws std::system_error when the spool file cannot be created or written (disk full):
  // the caller answers 451 and the client keeps the message.
  void append(std::string_view bytes);
  std::size_t size() const { return size_; }
  bool on_disk() const { return fd_ >= 0; }
  // Valid until the next append() or clear().
  std::string_view view();
  void clear();

 private:
  void move_to_file();
  void flush();
  void unmap();

  SpoolOptions options_;
  std::string memory_;
  int fd_ = -1;
  std::size_t size_ = 0;
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
};

}  // namespace galguard::smtp
