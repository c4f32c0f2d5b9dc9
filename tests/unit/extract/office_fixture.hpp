// What the Office reader makes of a file, for the Office and OpenDocument tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/extract_error.hpp"
#include "extract/formats/office_reader.hpp"
#include "tests/unit/extract/zip_fixture.hpp"

namespace galguard::extract::fixture {

// The file's text; fails the test if the reader throws.
inline std::string office_text(const std::string& bytes, OfficeFormat format,
                               const Limits& limits = {}) {
  TextSink sink(1 << 20);
  read_office(bytes, format, limits, sink);
  return sink.take();
}

// Why the file was not (fully) read, "" when it was.
inline std::string office_why_not(const std::string& bytes, OfficeFormat format,
                                  const Limits& limits = {}) {
  TextSink sink(1 << 20);
  try {
    read_office(bytes, format, limits, sink);
  } catch (const NotInspected& e) {
    return e.what();
  }
  return "";
}

// A file of the format whose main part is `xml` as given (for xlsx also its shared strings),
// stored uncompressed: how fuzz_office and its corpus replay reach the XML readers.
inline std::string package_main_part(OfficeFormat format, std::string_view xml) {
  const std::string part(xml);
  switch (format) {
    case OfficeFormat::docx:
      return make_zip({{"word/document.xml", part, false, true}});
    case OfficeFormat::xlsx: {
      std::vector<ZipEntry> parts = xlsx_parts({""});
      parts.back().data = part;  // xl/worksheets/sheet1.xml
      parts.push_back({"xl/sharedStrings.xml", part});
      for (ZipEntry& entry : parts)
        entry.store = true;
      return make_zip(parts);
    }
    case OfficeFormat::pptx:
      return make_zip({{"ppt/presentation.xml", "<p/>", false, true},
                       {"ppt/slides/slide1.xml", part, false, true}});
    case OfficeFormat::opendocument:
      return make_zip({{"content.xml", part, false, true}});
  }
  return {};
}

}  // namespace galguard::extract::fixture
