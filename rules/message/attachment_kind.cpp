#include "rules/message/attachment_kind.hpp"

#include <array>
#include <string_view>

#include "rules/text/ascii.hpp"

namespace galguard::rules {

std::string extension_of(std::string_view name) {
  const std::size_t slash = name.find_last_of('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == name.size() || name.size() - dot > 8) return {};
  return ascii_lower(name.substr(dot + 1));
}

bool looks_like_binary_file(std::string_view bytes) {
  using namespace std::string_view_literals;
  static constexpr std::array kMagic = {
      "%PDF-"sv,             // PDF
      "PK\x03\x04"sv,        // ZIP: Office, OpenDocument, archives
      "PK\x05\x06"sv,        // an empty ZIP
      "\xD0\xCF\x11\xE0"sv,  // OLE: legacy or encrypted Office, Outlook .msg
      "\x89PNG"sv,           // images
      "\xFF\xD8\xFF"sv,
      "GIF8"sv,
      "\x00\x00\x00"sv,  // most binary containers (MP4, HEIC); UTF-32
  };
  for (const std::string_view magic : kMagic)
    if (bytes.starts_with(magic)) return true;
  return false;
}

std::string text_file_type(std::string_view name, std::string_view content_type) {
  static constexpr std::array<std::string_view, 12> kTextExtensions = {
      "csv", "tsv", "txt", "html", "htm", "ics", "vcf", "xml", "json", "md", "log", "text"};
  const std::string extension = extension_of(name);
  for (const std::string_view known : kTextExtensions)
    if (extension == known) return extension == "htm" ? "html" : extension;
  if (content_type == "text/html") return "html";
  if (content_type == "text/csv") return "csv";
  if (content_type == "text/calendar") return "ics";
  if (content_type == "text/vcard" || content_type == "text/x-vcard") return "vcf";
  return "txt";
}

}  // namespace galguard::rules
