// What an attached file is, from its bytes first and its name and declared type after: the
// bytes decide where they can, because a sender can name a spreadsheet "notes.txt".
#pragma once

#include <string>
#include <string_view>

#include "extract/limits.hpp"

namespace galguard::extract {

enum class FileFormat {
  pdf,
  docx,
  xlsx,
  pptx,
  opendocument,
  zip,
  ole,      // legacy Office (.doc .xls .ppt), Outlook .msg, or password-protected Office
  message,  // message/rfc822, .eml
  text,     // csv, txt, html, ics, vcf, ...: decoded and read as text
  image,
  unknown,
};

struct Sniffed {
  FileFormat format = FileFormat::unknown;
  std::string type;  // as listed in the breakdown: "pdf", "xlsx", "odt", "zip", "png", "csv", ...
};

Sniffed sniff(std::string_view bytes, std::string_view name, std::string_view content_type,
              const Limits& limits);

}  // namespace galguard::extract
