// The text of Office Open XML (.docx .xlsx .pptx) and OpenDocument (.odt .ods .odp) files:
// ZIP containers of XML, read with a streaming XML parser.
#pragma once

#include <string_view>

#include "extract/formats/text_sink.hpp"
#include "extract/limits.hpp"

namespace galguard::extract {

enum class OfficeFormat { docx, xlsx, pptx, opendocument };

// Writes the document's text to sink in reading order: Word runs joined within a paragraph,
// a line break per paragraph; spreadsheet cells of a row separated by tabs, a line per row
// (shared strings, inline strings, numeric cells); slides in order. A 9- or 10-digit numeric
// cell in a column of such values is also written as the identity number it may have been
// before the spreadsheet dropped its leading zero (README "Attachments").
// Throws NotInspected("encrypted") for a password-protected file (an OLE container holding
// EncryptedPackage, or encrypted ZIP members), NotInspected("damaged: ...") for a file that is
// not the format, and the ZipReader's LimitReached.
void read_office(std::string_view bytes, OfficeFormat format, const Limits& limits, TextSink& sink);

}  // namespace galguard::extract
