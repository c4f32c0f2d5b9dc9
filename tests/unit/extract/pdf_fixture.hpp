// Minimal valid PDFs written by the tests themselves: pages of text lines in Helvetica, with a
// correct xref table, so a test shows its input and no binary fixture needs explaining.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::extract::testing {

// A PDF string literal from UTF-8 text: WinAnsiEncoding bytes (Latin-1 covers å ä ö é ü),
// with the delimiters escaped.
inline std::string pdf_string(std::string_view utf8) {
  std::string out = "(";
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if ((c == 0xC2 || c == 0xC3) && i + 1 < utf8.size())
      c = static_cast<unsigned char>(((c & 0x03) << 6) | (utf8[++i] & 0x3F));
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += static_cast<char>(c);
  }
  return out + ")";
}

// A page's content stream: one Tj per line, top to bottom.
inline std::string text_content(const std::vector<std::string>& lines) {
  std::string out = "BT /F1 12 Tf 14 TL 72 760 Td\n";
  for (const std::string& line : lines)
    out += pdf_string(line) + " Tj T*\n";
  return out + "ET\n";
}

// A stream object; `entries` are more of its dictionary's, as in "/Type /XObject".
inline std::string stream_object(std::string_view data, std::string_view entries = "") {
  return "<< " + std::string(entries) + " /Length " + std::to_string(data.size()) +
         " >>\nstream\n" + std::string(data) + "\nendstream";
}

// Objects 1..n from their bodies, the xref table with their byte offsets, and a trailer whose
// /Root is object 1.
inline std::string pdf_from_objects(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    char entry[21];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    out += entry;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\n";
  return out + "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

// A PDF with one page per content stream: catalog 1, page tree 2, font 3, then each page's
// object followed by its content.
inline std::string pdf_with_contents(const std::vector<std::string>& contents) {
  std::string kids;
  for (std::size_t i = 0; i < contents.size(); ++i)
    kids += std::to_string(4 + 2 * i) + " 0 R ";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(contents.size()) + " >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  };
  for (std::size_t i = 0; i < contents.size(); ++i) {
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R "
        ">> >> /Contents " +
        std::to_string(5 + 2 * i) + " 0 R >>");
    objects.push_back(stream_object(contents[i]));
  }
  return pdf_from_objects(objects);
}

// A PDF of pages of text lines.
inline std::string pdf_with_pages(const std::vector<std::vector<std::string>>& pages) {
  std::vector<std::string> contents;
  for (const auto& lines : pages)
    contents.push_back(text_content(lines));
  return pdf_with_contents(contents);
}

}  // namespace galguard::extract::testing
