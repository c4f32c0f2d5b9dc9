#include "extract/formats/zip_reader.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <limits>

#include "extract/extract_error.hpp"

namespace galguard::extract {
namespace {

// Below this compressed size the ratio limit measures from the floor instead. A small member's
// ratio says little: a few hundred bytes of repeated markup can inflate past max_ratio × its
// size and still come to a harmless few hundred kilobytes (200 × 4 KiB = 800 KiB at the
// defaults), while a bomb needs megabytes of output and so megabytes ÷ 1032 (deflate's best
// ratio) of input, far above the floor.
constexpr std::uint64_t kRatioFloor = 4 * 1024;

constexpr std::size_t kChunk = 64 * 1024;

// libzip's messages name the failure ("Not a zip archive", "CRC error"), never the content.
[[noreturn]] void throw_damaged(zip_error_t* error) {
  throw NotInspected(std::string("damaged: ") + zip_error_strerror(error));
}

std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
    return std::numeric_limits<std::uint64_t>::max();
  return a * b;
}

struct OpenFile {
  zip_file_t* file;
  ~OpenFile() {
    if (file != nullptr) zip_fclose(file);
  }
};

}  // namespace

struct ZipReader::Archive {
  zip_t* zip = nullptr;
  ~Archive() {
    if (zip != nullptr) zip_discard(zip);
  }
};

ZipReader::ZipReader(std::string_view bytes, const Limits& limits)
    : archive_(std::make_unique<Archive>()), limits_(limits) {
  zip_error_t error;
  zip_error_init(&error);
  // libzip opens an empty source as an empty archive; as a file, it is no ZIP.
  if (bytes.empty()) {
    zip_error_set(&error, ZIP_ER_NOZIP, 0);
    const std::string reason = std::string("damaged: ") + zip_error_strerror(&error);
    zip_error_fini(&error);
    throw NotInspected(reason);
  }
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    throw std::bad_alloc();
  }
  // No ZIP_CHECKCONS: Office and 7-Zip read archives whose local headers disagree with the
  // central directory in harmless ways, and a file refused here is a file not inspected.
  archive_->zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive_->zip == nullptr) {
    zip_source_free(source);
    const std::string reason = std::string("damaged: ") + zip_error_strerror(&error);
    zip_error_fini(&error);
    throw NotInspected(reason);
  }
  zip_error_fini(&error);

  const zip_int64_t count = zip_get_num_entries(archive_->zip, 0);
  if (count < 0) throw_damaged(zip_get_error(archive_->zip));
  truncated_ = static_cast<std::uint64_t>(count) > limits_.max_entries;
  const zip_int64_t listed = truncated_ ? static_cast<zip_int64_t>(limits_.max_entries) : count;
  members_.reserve(static_cast<std::size_t>(listed));
  for (zip_int64_t i = 0; i < listed; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_->zip, static_cast<zip_uint64_t>(i), 0, &stat) != 0)
      throw_damaged(zip_get_error(archive_->zip));
    Member member;
    if ((stat.valid & ZIP_STAT_NAME) != 0 && stat.name != nullptr) member.name = stat.name;
    if ((stat.valid & ZIP_STAT_SIZE) != 0) member.size = stat.size;
    if ((stat.valid & ZIP_STAT_COMP_SIZE) != 0) member.compressed_size = stat.comp_size;
    member.encrypted =
        (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE;
    member.directory = member.name.ends_with('/');
    members_.push_back(std::move(member));
  }
  // Compressed sizes come from the central directory too; no member can hold more compressed
  // bytes than the archive, so clamp before the ratio limit uses them.
  for (Member& member : members_)
    member.compressed_size = std::min<std::uint64_t>(member.compressed_size, bytes.size());

  // Office readers look parts up by name, as often as a hostile workbook names them.
  by_name_.resize(members_.size());
  for (std::size_t i = 0; i < by_name_.size(); ++i)
    by_name_[i] = i;
  std::stable_sort(by_name_.begin(), by_name_.end(), [this](std::size_t a, std::size_t b) {
    return members_[a].name < members_[b].name;
  });
}

ZipReader::~ZipReader() = default;

std::optional<std::size_t> ZipReader::find(std::string_view name) const {
  // Of members stored twice under one name, the first in the central directory.
  const auto it = std::lower_bound(
      by_name_.begin(), by_name_.end(), name,
      [this](std::size_t index, std::string_view key) { return members_[index].name < key; });
  if (it == by_name_.end() || members_[*it].name != name) return std::nullopt;
  return *it;
}

std::string ZipReader::read(std::size_t index) const {
  const Member& member = members_.at(index);
  if (member.encrypted) throw NotInspected("encrypted");

  // The limits come from what was read, never from the size the header declares: a bomb
  // declares a small size and inflates to gigabytes.
  const std::uint64_t ratio_limit =
      saturating_multiply(limits_.max_ratio, std::max(member.compressed_size, kRatioFloor));
  const std::uint64_t file_limit = limits_.max_file_bytes;

  OpenFile file{zip_fopen_index(archive_->zip, index, 0)};
  if (file.file == nullptr) throw_damaged(zip_get_error(archive_->zip));

  std::string out;
  // The declared size is only a guess for the allocation, bounded by both limits.
  out.reserve(static_cast<std::size_t>(std::min({member.size, ratio_limit, file_limit})));
  std::array<char, kChunk> chunk;
  for (;;) {
    const zip_int64_t n = zip_fread(file.file, chunk.data(), chunk.size());
    if (n < 0) throw_damaged(zip_file_get_error(file.file));
    if (n == 0) break;
    const std::uint64_t total = out.size() + static_cast<std::uint64_t>(n);
    if (total > file_limit) throw LimitReached("file size");
    if (total > ratio_limit) throw LimitReached("compression ratio");
    out.append(chunk.data(), static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace galguard::extract
