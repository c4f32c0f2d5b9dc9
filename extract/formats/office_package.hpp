// An Office or OpenDocument file opened as a package of XML parts, and the reader of each
// format over it. Internal to extract/formats/: read_office (office_reader.hpp) is the entry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/formats/text_sink.hpp"
#include "extract/formats/zip_reader.hpp"
#include "extract/limits.hpp"

namespace galguard::extract::detail {

class Package {
 public:
  Package(std::string_view bytes, const Limits& limits);

  bool has(std::string_view name) const { return zip_.find(name).has_value(); }
  // The part's bytes; nullopt when there is no such part. All parts read from one file
  // together may inflate to limits.max_file_bytes, as the whole file may: without that, a
  // package naming one compressed bomb from many parts would be inflated once per part.
  std::optional<std::string> read(std::string_view name);
  // The parts named prefix + N + suffix (N decimal digits), in numeric order: slide10 after
  // slide9, where name order would put it after slide1.
  std::vector<std::string> numbered(std::string_view prefix, std::string_view suffix) const;

 private:
  ZipReader zip_;
  std::uint64_t unpacked_left_;
};

// Each writes its format's text to sink; see office_reader.hpp for what each reads.
void read_word(Package& package, TextSink& sink);
void read_sheets(Package& package, TextSink& sink);
void read_slides(Package& package, TextSink& sink);
void read_opendocument(Package& package, TextSink& sink);

}  // namespace galguard::extract::detail
