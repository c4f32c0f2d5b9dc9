// Test fixtures built in memory: ZIP archives (libzip), and minimal Office and OpenDocument
// files made from the XML of their parts. Used by the extract tests and to make fuzz seeds.
#pragma once

#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::extract::fixture {

struct ZipEntry {
  std::string name;
  std::string data;
  bool encrypt = false;  // WinZip AES-256, password "secret"
  bool store = false;    // no compression
};

// Builds an archive into a growing libzip buffer source, then copies the source's bytes out.
class ZipBuilder {
 public:
  ZipBuilder() {
    zip_error_init(&error_);
    source_ = zip_source_buffer_create(nullptr, 0, 0, &error_);
    if (source_ == nullptr) fail("zip_source_buffer_create");
    zip_source_keep(source_);  // the archive frees its reference on close; the bytes stay ours
    zip_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error_);
    if (zip_ == nullptr) fail("zip_open_from_source");
  }
  ~ZipBuilder() {
    if (zip_ != nullptr) zip_discard(zip_);
    zip_source_free(source_);
    zip_error_fini(&error_);
  }
  ZipBuilder(const ZipBuilder&) = delete;
  ZipBuilder& operator=(const ZipBuilder&) = delete;

  ZipBuilder& add(const ZipEntry& entry) {
    const std::string& data = *buffers_.emplace_back(std::make_unique<std::string>(entry.data));
    zip_source_t* source = zip_source_buffer_create(data.data(), data.size(), 0, &error_);
    const zip_uint64_t index = add_source(entry.name, source);
    if (entry.store && zip_set_file_compression(zip_, index, ZIP_CM_STORE, 0) != 0)
      fail("zip_set_file_compression");
    if (entry.encrypt && zip_file_set_encryption(zip_, index, ZIP_EM_AES_256, "secret") != 0)
      fail("zip_file_set_encryption");
    return *this;
  }

  // A member of `size` zero bytes, deflated, from one shared 1 MiB buffer: a ZIP bomb without
  // holding its inflated size in memory.
  ZipBuilder& add_zeros(const std::string& name, std::uint64_t size) {
    static std::vector<zip_uint8_t> zeros(1 << 20);
    std::vector<zip_buffer_fragment_t> fragments;
    for (std::uint64_t left = size; left > 0;) {
      const std::uint64_t n = std::min<std::uint64_t>(left, zeros.size());
      fragments.push_back({zeros.data(), n});
      left -= n;
    }
    zip_source_t* source =
        zip_source_buffer_fragment_create(fragments.data(), fragments.size(), 0, &error_);
    add_source(name, source);
    return *this;
  }

  std::string finish() {
    if (zip_close(zip_) != 0) fail("zip_close");
    zip_ = nullptr;
    if (zip_source_open(source_) != 0) fail("zip_source_open");
    std::string bytes;
    char chunk[64 * 1024];
    for (zip_int64_t n; (n = zip_source_read(source_, chunk, sizeof chunk)) > 0;)
      bytes.append(chunk, static_cast<std::size_t>(n));
    zip_source_close(source_);
    return bytes;
  }

 private:
  zip_uint64_t add_source(const std::string& name, zip_source_t* source) {
    if (source == nullptr) fail("zip_source_buffer_create");
    const zip_int64_t index = zip_file_add(zip_, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      fail("zip_file_add");
    }
    return static_cast<zip_uint64_t>(index);
  }

  [[noreturn]] void fail(const std::string& what) {
    const char* reason = zip_ != nullptr ? zip_strerror(zip_) : zip_error_strerror(&error_);
    throw std::runtime_error("fixture: " + what + ": " + reason);
  }

  zip_error_t error_;
  zip_source_t* source_ = nullptr;
  zip_t* zip_ = nullptr;
  std::vector<std::unique_ptr<std::string>> buffers_;  // member data must outlive zip_close
};

inline std::string make_zip(const std::vector<ZipEntry>& entries) {
  ZipBuilder builder;
  for (const ZipEntry& entry : entries)
    builder.add(entry);
  return builder.finish();
}

// --- Office Open XML ---------------------------------------------------------------------

inline constexpr std::string_view kXmlDeclaration =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
inline constexpr std::string_view kWordNs =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
    R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" )"
    R"(xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math")";

inline std::string content_types(std::string_view main_type) {
  return std::string(kXmlDeclaration) +
         R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="xml" ContentType="application/xml"/>)"
         R"(<Default Extension="rels" )"
         R"(ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
         R"(<Override PartName="/main" ContentType=")" +
         std::string(main_type) + R"("/></Types>)";
}

// A Word part: root "document" wraps body in w:body; "hdr", "ftr", "footnotes", "comments"
// take body as their children.
inline std::string word_part(std::string_view root, std::string_view body) {
  std::string xml =
      std::string(kXmlDeclaration) + "<w:" + std::string(root) + " " + std::string(kWordNs) + ">";
  xml += root == "document" ? "<w:body>" + std::string(body) + "</w:body>" : std::string(body);
  return xml + "</w:" + std::string(root) + ">";
}

// A minimal .docx of document.xml's body; `parts` adds more (word/header1.xml, ...).
inline std::string make_docx(std::string_view body, const std::vector<ZipEntry>& parts = {}) {
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml",
       content_types(
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")},
      {"word/document.xml", word_part("document", body)}};
  entries.insert(entries.end(), parts.begin(), parts.end());
  return make_zip(entries);
}

inline constexpr std::string_view kSheetNs =
    R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";

inline std::string worksheet(std::string_view sheet_data) {
  return std::string(kXmlDeclaration) + "<worksheet " + std::string(kSheetNs) + "><sheetData>" +
         std::string(sheet_data) + "</sheetData></worksheet>";
}

inline std::string shared_strings(const std::vector<std::string>& items) {
  std::string xml = std::string(kXmlDeclaration) + "<sst " + std::string(kSheetNs) + ">";
  for (const std::string& item : items)
    xml += "<si>" + item + "</si>";
  return xml + "</sst>";
}

// The parts of a minimal .xlsx: worksheets (sheetData contents) numbered from 1 and listed in
// the workbook in `order` (sheet numbers; all in turn when empty), shared strings as si
// contents ("<t>text</t>" or rich-text runs).
inline std::vector<ZipEntry> xlsx_parts(const std::vector<std::string>& sheets,
                                        const std::vector<std::string>& strings = {},
                                        std::vector<int> order = {}) {
  if (order.empty())
    for (std::size_t i = 1; i <= sheets.size(); ++i)
      order.push_back(static_cast<int>(i));
  std::string workbook =
      std::string(kXmlDeclaration) + "<workbook " + std::string(kSheetNs) + "><sheets>";
  std::string rels = std::string(kXmlDeclaration) +
                     R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/)"
                     R"(relationships">)";
  for (const int n : order) {
    const std::string number = std::to_string(n);
    workbook += R"(<sheet name="Sheet)" + number + R"(" sheetId=")" + number + R"(" r:id="rId)" +
                number + R"("/>)";
    rels += R"(<Relationship Id="rId)" + number +
            R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/)"
            R"(worksheet" Target="worksheets/sheet)" +
            number + R"(.xml"/>)";
  }
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml",
       content_types("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")},
      {"xl/workbook.xml", workbook + "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", rels + "</Relationships>"}};
  if (!strings.empty()) entries.push_back({"xl/sharedStrings.xml", shared_strings(strings)});
  for (std::size_t i = 0; i < sheets.size(); ++i)
    entries.push_back(
        {"xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", worksheet(sheets[i])});
  return entries;
}

inline std::string make_xlsx(const std::vector<std::string>& sheets,
                             const std::vector<std::string>& strings = {}) {
  return make_zip(xlsx_parts(sheets, strings));
}

inline std::string slide(std::string_view paragraphs) {
  return std::string(kXmlDeclaration) +
         R"(<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" )"
         R"(xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">)"
         R"(<p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>)" +
         std::string(paragraphs) + "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
}

// A minimal .pptx: slide number → its a:p paragraphs; notes likewise.
inline std::string make_pptx(const std::map<int, std::string>& slides,
                             const std::map<int, std::string>& notes = {}) {
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml",
       content_types(
           "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")},
      {"ppt/presentation.xml",
       std::string(kXmlDeclaration) +
           R"(<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/)"
           R"(main"/>)"}};
  for (const auto& [n, paragraphs] : slides)
    entries.push_back({"ppt/slides/slide" + std::to_string(n) + ".xml", slide(paragraphs)});
  for (const auto& [n, paragraphs] : notes)
    entries.push_back(
        {"ppt/notesSlides/notesSlide" + std::to_string(n) + ".xml", slide(paragraphs)});
  return make_zip(entries);
}

// --- OpenDocument ------------------------------------------------------------------------

inline constexpr std::string_view kOdfNs =
    R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
    R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
    R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
    R"(xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" )"
    R"(xmlns:dc="http://purl.org/dc/elements/1.1/" )"
    R"(xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0")";

inline std::string odf_manifest(std::string_view content_entry_children = "") {
  return std::string(kXmlDeclaration) +
         R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:)"
         R"(manifest:1.0" manifest:version="1.2">)"
         R"(<manifest:file-entry manifest:full-path="/" manifest:media-type="x"/>)"
         R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">)" +
         std::string(content_entry_children) + "</manifest:file-entry></manifest:manifest>";
}

// A minimal OpenDocument file: `kind` is "text", "spreadsheet" or "presentation" (the
// office:body child), body its content. content_entry_children goes into the manifest's entry
// for content.xml (encryption data).
inline std::string make_opendocument(std::string_view kind, std::string_view body,
                                     std::string_view content_entry_children = "") {
  const std::string mimetype = "application/vnd.oasis.opendocument." + std::string(kind);
  const std::string content = std::string(kXmlDeclaration) + "<office:document-content " +
                              std::string(kOdfNs) +
                              R"( office:version="1.2"><office:body><office:)" + std::string(kind) +
                              ">" + std::string(body) + "</office:" + std::string(kind) +
                              "></office:body></office:document-content>";
  return make_zip({{"mimetype", mimetype, false, true},
                   {"META-INF/manifest.xml", odf_manifest(content_entry_children)},
                   {"content.xml", content}});
}

// --- OLE compound files --------------------------------------------------------------------

// Enough of an OLE file for the Office reader to tell: the magic, then a directory entry name
// in UTF-16LE ("EncryptedPackage" for a password-protected OOXML file, "WordDocument" for a
// legacy .doc).
inline std::string make_ole(std::string_view stream_name) {
  std::string bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  bytes.resize(1024, '\0');
  for (const char c : stream_name) {
    bytes += c;
    bytes += '\0';
  }
  bytes.resize(2048, '\0');
  return bytes;
}

}  // namespace galguard::extract::fixture
