#include "extract/formats/office_package.hpp"

#include <algorithm>

#include "extract/extract_error.hpp"

namespace galguard::extract::detail {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Compares decimal numbers of any length without converting them.
bool numerically_less(std::string_view a, std::string_view b) {
  a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
  b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

}  // namespace

Package::Package(std::string_view bytes, const Limits& limits)
    : zip_(bytes, limits), unpacked_left_(limits.max_file_bytes) {
  // An Office file is a few dozen parts: one with more than the limit is made to exhaust us.
  if (zip_.truncated()) throw LimitReached("entries");
}

std::optional<std::string> Package::read(std::string_view name) {
  const std::optional<std::size_t> index = zip_.find(name);
  if (!index) return std::nullopt;
  std::string bytes = zip_.read(*index);
  if (bytes.size() > unpacked_left_) throw LimitReached("file size");
  unpacked_left_ -= bytes.size();
  return bytes;
}

std::vector<std::string> Package::numbered(std::string_view prefix, std::string_view suffix) const {
  std::vector<std::string> names;
  for (const ZipReader::Member& member : zip_.members()) {
    const std::string_view name = member.name;
    if (name.size() <= prefix.size() + suffix.size() || !name.starts_with(prefix) ||
        !name.ends_with(suffix))
      continue;
    if (all_digits(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size())))
      names.push_back(member.name);
  }
  const auto number = [&](const std::string& name) {
    return std::string_view(name).substr(prefix.size(),
                                         name.size() - prefix.size() - suffix.size());
  };
  std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    if (numerically_less(number(a), number(b))) return true;
    if (numerically_less(number(b), number(a))) return false;
    return a < b;
  });
  // A name stored twice is one part: read it once.
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace galguard::extract::detail
