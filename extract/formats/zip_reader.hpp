// A ZIP archive in memory (libzip): its member list, and members read under the limits. Used
// for ZIP attachments and for the containers of Office and OpenDocument files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/limits.hpp"

namespace galguard::extract {

class ZipReader {
 public:
  struct Member {
    std::string name;  // as stored, '/'-separated
    std::uint64_t size = 0;
    std::uint64_t compressed_size = 0;
    bool encrypted = false;
    bool directory = false;
  };

  // bytes must outlive the reader. Throws NotInspected("damaged: ...") when bytes are no ZIP
  // archive. Of an archive with more than limits.max_entries members only the first ones are
  // listed, and truncated() says so: an archive reader reads those and says "limit: entries".
  ZipReader(std::string_view bytes, const Limits& limits);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  const std::vector<Member>& members() const { return members_; }
  bool truncated() const { return truncated_; }
  std::optional<std::size_t> find(std::string_view name) const;

  // The member's bytes, inflated while counting: throws NotInspected("encrypted") for an
  // encrypted member, LimitReached("file size") past limits.max_file_bytes and
  // LimitReached("compression ratio") past limits.max_ratio × its compressed size (whatever its
  // header claims), NotInspected("damaged: ...") when it does not inflate.
  std::string read(std::size_t index) const;

 private:
  struct Archive;
  std::unique_ptr<Archive> archive_;
  std::vector<Member> members_;
  std::vector<std::size_t> by_name_;  // indexes into members_, sorted by name, then index
  Limits limits_;
  bool truncated_ = false;
};

}  // namespace galguard::extract
