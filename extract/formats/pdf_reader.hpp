// The text of a PDF, page by page in reading order, with poppler.
#pragma once

#include <string_view>

#include "extract/formats/text_sink.hpp"
#include "extract/limits.hpp"

namespace galguard::extract {

// Writes each page's text to sink, a line break between pages. Throws NotInspected("encrypted")
// for a PDF that needs a password to open, NotInspected("damaged: ...") for one poppler cannot
// read, LimitReached("pages") after limits.max_pdf_pages pages (what was read is in sink).
void read_pdf(std::string_view bytes, const Limits& limits, TextSink& sink);

}  // namespace galguard::extract
