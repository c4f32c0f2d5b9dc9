// What kind of file an attachment is, from its first bytes and its name: the content decides
// where it can (a PDF named "notes.txt" is a PDF), the name where the bytes say nothing.
#pragma once

#include <string>
#include <string_view>

namespace galguard::rules {

// The name's extension in lower case without the dot: "xlsx" for "Elever 2024.XLSX"; "" for none.
std::string extension_of(std::string_view name);

// Bytes a text reader must not take for text: PDF, ZIP (Office, OpenDocument), OLE (legacy or
// encrypted Office), common images.
bool looks_like_binary_file(std::string_view bytes);

// The type a text attachment is listed as: its extension when it is one of the text formats
// ("csv", "txt", "html", "ics", "vcf", ...), else from the media type ("text/calendar" → "ics").
std::string text_file_type(std::string_view name, std::string_view content_type);

}  // namespace galguard::rules
