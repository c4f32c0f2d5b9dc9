#include "extract/formats/office_reader.hpp"

#include <string>

#include "extract/extract_error.hpp"
#include "extract/formats/office_package.hpp"

namespace galguard::extract {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv;

// A password-protected Office file is no ZIP: Office wraps the encrypted package in an OLE
// compound file, in a stream named "EncryptedPackage". Legacy .doc/.xls/.ppt are OLE files
// too, without that stream. OLE directory entries hold their names in UTF-16LE.
bool names_encrypted_package(std::string_view bytes) {
  std::string needle;
  for (const char c : "EncryptedPackage"sv) {
    needle += c;
    needle += '\0';
  }
  return bytes.find(needle) != std::string_view::npos;
}

}  // namespace

void read_office(std::string_view bytes, OfficeFormat format, const Limits& limits,
                 TextSink& sink) {
  if (bytes.starts_with(kOleMagic)) {
    if (names_encrypted_package(bytes)) throw NotInspected("encrypted");
    throw NotInspected("legacy format");
  }
  detail::Package package(bytes, limits);
  switch (format) {
    case OfficeFormat::docx:
      return detail::read_word(package, sink);
    case OfficeFormat::xlsx:
      return detail::read_sheets(package, sink);
    case OfficeFormat::pptx:
      return detail::read_slides(package, sink);
    case OfficeFormat::opendocument:
      return detail::read_opendocument(package, sink);
  }
}

}  // namespace galguard::extract
