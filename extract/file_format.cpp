#include "extract/file_format.hpp"

#include <array>
#include <optional>

#include "extract/extract_error.hpp"
#include "extract/formats/zip_reader.hpp"
#include "rules/message/attachment_kind.hpp"

namespace galguard::extract {
namespace {

using namespace std::string_view_literals;

bool is_any_of(std::string_view value, std::initializer_list<std::string_view> options) {
  for (const std::string_view option : options)
    if (value == option) return true;
  return false;
}

// bytes[pos, pos + size), or "" when the file is shorter: a one-byte file is no image.
std::string_view slice(std::string_view bytes, std::size_t pos, std::size_t size) {
  return bytes.size() < pos + size ? std::string_view{} : bytes.substr(pos, size);
}

std::optional<std::string> image_type(std::string_view bytes) {
  if (bytes.starts_with("\x89PNG"sv)) return "png";
  if (bytes.starts_with("\xFF\xD8\xFF"sv)) return "jpeg";
  if (bytes.starts_with("GIF8"sv)) return "gif";
  if (bytes.starts_with("II*\0"sv) || bytes.starts_with("MM\0*"sv)) return "tiff";
  if (bytes.starts_with("RIFF"sv) && slice(bytes, 8, 4) == "WEBP") return "webp";
  if (slice(bytes, 4, 8) == "ftypheic"sv || slice(bytes, 4, 8) == "ftypheix"sv) return "heic";
  return std::nullopt;
}

// Office and OpenDocument files are ZIP archives with known members; the file name is only a
// hint (a renamed .docx is still a Word document, a "report.docx" of other members is not).
Sniffed zip_container(std::string_view bytes, const std::string& extension, const Limits& limits) {
  try {
    const ZipReader zip(bytes, limits);
    if (zip.find("word/document.xml")) return {FileFormat::docx, "docx"};
    if (zip.find("xl/workbook.xml")) return {FileFormat::xlsx, "xlsx"};
    if (zip.find("ppt/presentation.xml")) return {FileFormat::pptx, "pptx"};
    if (zip.find("content.xml") && (zip.find("mimetype") || zip.find("META-INF/manifest.xml"))) {
      const bool known = is_any_of(extension, {"odt", "ods", "odp", "odg", "ott", "ots"});
      return {FileFormat::opendocument, known ? extension : "opendocument"};
    }
  } catch (const NotInspected&) {
    // Damaged or past a limit: the format readers say which, with the name's format.
  }
  if (extension == "docx") return {FileFormat::docx, "docx"};
  if (extension == "xlsx") return {FileFormat::xlsx, "xlsx"};
  if (extension == "pptx") return {FileFormat::pptx, "pptx"};
  if (is_any_of(extension, {"odt", "ods", "odp"})) return {FileFormat::opendocument, extension};
  return {FileFormat::zip, "zip"};
}

// No NUL and no other control characters but white space in the first 4 KiB: text whatever its
// name says (a CSV sent as application/octet-stream is common).
bool looks_like_text(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE"sv) || bytes.starts_with("\xFE\xFF"sv)) return true;  // UTF-16
  for (const char c : bytes.substr(0, 4096)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f') return false;
  }
  return !bytes.empty();
}

}  // namespace

Sniffed sniff(std::string_view bytes, std::string_view name, std::string_view content_type,
              const Limits& limits) {
  const std::string extension = rules::extension_of(name);
  // PDF readers accept a header within the first kilobyte, so a sender can put text before it.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    return {FileFormat::pdf, "pdf"};
  }
  if (bytes.starts_with("PK\x03\x04"sv) || bytes.starts_with("PK\x05\x06"sv)) {
    return zip_container(bytes, extension, limits);
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) {
    return {FileFormat::ole, extension.empty() ? "ole" : extension};
  }
  if (auto image = image_type(bytes)) return {FileFormat::image, *image};
  if (content_type == "message/rfc822" || extension == "eml") {
    return {FileFormat::message, "message"};
  }
  if (content_type.starts_with("text/") || looks_like_text(bytes)) {
    return {FileFormat::text, rules::text_file_type(name, content_type)};
  }
  return {FileFormat::unknown, extension.empty() ? "unknown" : extension};
}

}  // namespace galguard::extract
