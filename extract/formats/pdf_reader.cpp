#include "extract/formats/pdf_reader.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <string>

#include "extract/extract_error.hpp"

namespace galguard::extract {
namespace {

// Poppler's messages quote the file ("Unknown operator 'xyz'"): none of it may reach a log.
void ignore_poppler_message(const std::string&, void*) {}

void silence_poppler() {
  static const bool silenced = [] {
    poppler::set_debug_error_function(ignore_poppler_message, nullptr);
    return true;
  }();
  (void)silenced;
}

// The page's text in UTF-8, without the form feed poppler ends each page with. Raw order is the
// order the producer wrote the text: for word processors and spreadsheets the reading order, a
// table row on one line. Physical layout pads each line with spaces to its column: a page of
// 20,000 small labels came out as 600 MB after 40 s. The reading-order layout splits a row
// into column blocks and is superlinear too.
std::string page_text(const poppler::page& page) {
  const poppler::byte_array bytes =
      page.text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
  std::string text(bytes.begin(), bytes.end());
  text.erase(text.find_last_not_of(" \t\r\n\f") + 1);
  return text;
}

[[noreturn]] void throw_unreadable(std::string_view bytes) {
  // Poppler tells only that it failed; the header at least separates "not a PDF at all".
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
    throw NotInspected("damaged: no PDF header");
  throw NotInspected("damaged: no readable document structure");
}

}  // namespace

void read_pdf(std::string_view bytes, const Limits& limits, TextSink& sink) {
  silence_poppler();
  if (bytes.size() > INT_MAX) throw LimitReached("file size");
  // Poppler reads bytes in place; they outlive the document.
  const std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) throw_unreadable(bytes);
  // Loading with no password opens a PDF that has only an owner password (copy or print
  // restrictions): its text is readable and is read. Locked means a user password is needed.
  if (doc->is_locked()) throw NotInspected("encrypted");

  const int pages = doc->pages();
  if (pages <= 0) throw NotInspected("damaged: no pages");
  int unreadable = 0;  // the first page poppler could not load, 1-based
  for (int i = 0; i < pages && i < limits.max_pdf_pages; ++i) {
    const std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) {
      if (unreadable == 0) unreadable = i + 1;
      continue;
    }
    sink.append(page_text(*page));
    sink.break_line();
  }
  if (pages > limits.max_pdf_pages) throw LimitReached("pages");
  if (unreadable != 0) throw NotInspected("damaged: page " + std::to_string(unreadable));
}

}  // namespace galguard::extract
