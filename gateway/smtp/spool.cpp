#include "gateway/smtp/spool.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace galguard::smtp {
namespace {

constexpr std::size_t kWriteChunk = 64 * 1024;

[[noreturn]] void fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void write_all(int fd, std::string_view bytes, const std::string& where) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("spool write in " + where);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

Spool::Spool(SpoolOptions options) : options_(std::move(options)) {}

Spool::~Spool() {
  clear();
}

void Spool::append(std::string_view bytes) {
  unmap();
  if (fd_ < 0 && !options_.directory.empty() &&
      memory_.size() + bytes.size() > options_.memory_limit)
    move_to_file();
  // On disk, memory_ is the write buffer: one write per 64 KiB rather than one per line.
  memory_.append(bytes);
  size_ += bytes.size();
  if (fd_ >= 0 && memory_.size() >= kWriteChunk) flush();
}

void Spool::flush() {
  write_all(fd_, memory_, options_.directory);
  memory_.clear();
}

// O_TMPFILE: the file has no name, so a crash leaves nothing behind to clean up or to leak
// personal data from; the kernel frees it when the descriptor closes.
void Spool::move_to_file() {
  std::filesystem::create_directories(options_.directory);
  fd_ = ::open(options_.directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0) fail("cannot create a spool file in " + options_.directory);
  flush();
}

std::string_view Spool::view() {
  if (fd_ < 0) return memory_;
  if (size_ == 0) return {};
  if (map_ == nullptr) {
    flush();
    map_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
    if (map_ == MAP_FAILED) {
      map_ = nullptr;
      fail("cannot map the spool file");
    }
    map_size_ = size_;
  }
  return {static_cast<const char*>(map_), size_};
}

void Spool::unmap() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
  map_ = nullptr;
  map_size_ = 0;
}

void Spool::clear() {
  unmap();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  memory_.clear();
  if (memory_.capacity() > options_.memory_limit) memory_.shrink_to_fit();
  size_ = 0;
}

}  // namespace galguard::smtp
