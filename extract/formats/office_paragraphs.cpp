// Word and PowerPoint: text in runs within paragraphs (WordprocessingML w:p/w:r/w:t, DrawingML
// a:p/a:r/a:t). Elements are matched by local name so that Word's math runs (m:t), the
// transitional and strict namespaces, and any prefix a producer chose read alike.
#include <string>
#include <string_view>

#include "extract/extract_error.hpp"
#include "extract/formats/office_package.hpp"
#include "extract/formats/xml_stream.hpp"

namespace galguard::extract::detail {
namespace {

class ParagraphText : public XmlHandler {
 public:
  explicit ParagraphText(TextSink& sink) : sink_(sink) {}

  void start(const XmlName& name, const XmlAttributes&) override {
    if (name.is("t")) {
      ++in_text_;
    } else if (name.is("delText")) {
      ++in_deleted_;
    } else if (name.is("r")) {
      ++in_run_;
    } else if (in_run_ > 0 && (name.is("tab") || name.is("ptab"))) {
      // Only inside a run: a w:tab in paragraph properties is a tab stop, not a tab.
      sink_.append("\t");
    } else if (name.is("br") || name.is("cr")) {
      sink_.break_line();
    } else if (in_run_ > 0 && name.is("noBreakHyphen")) {
      // Word's non-breaking hyphen is an element, not a character: "050101-1234" typed with
      // one would otherwise lose its dash.
      sink_.append("-");
    }
  }

  void end(const XmlName& name) override {
    if (name.is("t") && in_text_ > 0) {
      --in_text_;
    } else if (name.is("delText") && in_deleted_ > 0) {
      --in_deleted_;
    } else if (name.is("r") && in_run_ > 0) {
      --in_run_;
    } else if (name.is("p")) {
      sink_.break_line();
      if (!deleted_.empty()) {
        sink_.append(deleted_);
        sink_.break_line();
        deleted_.clear();
      }
      kept_since_deletion_ = false;
    }
  }

  // Runs are joined with nothing between them: Word splits "0102031234" into "0102", "03" and
  // "1234" wherever an edit, a spelling mark or a language change fell.
  // Text deleted with change tracking on is still in the file for any recipient to show
  // ("I removed the numbers before sending"): it is written on a line of its own after its
  // paragraph, so that it neither splits nor extends the numbers of the text as it reads now.
  // Deletions separated by kept text are separated by a space.
  void text(std::string_view text) override {
    if (in_deleted_ > 0) {
      if (kept_since_deletion_ && !deleted_.empty()) deleted_ += ' ';
      kept_since_deletion_ = false;
      deleted_.append(text);
    } else if (in_text_ > 0) {
      kept_since_deletion_ = true;
      sink_.append(text);
    }
  }

 private:
  TextSink& sink_;
  int in_text_ = 0;
  int in_deleted_ = 0;
  int in_run_ = 0;
  std::string deleted_;  // of the paragraph being read
  bool kept_since_deletion_ = false;
};

void read_part(Package& package, const std::string& name, TextSink& sink) {
  const std::optional<std::string> bytes = package.read(name);
  if (!bytes) return;
  ParagraphText handler(sink);
  parse_xml(*bytes, handler);
  sink.break_line();
}

}  // namespace

void read_word(Package& package, TextSink& sink) {
  const std::string main = "word/document.xml";
  if (!package.has(main)) throw NotInspected("damaged: no " + main);
  read_part(package, main, sink);
  for (const std::string& part : package.numbered("word/header", ".xml"))
    read_part(package, part, sink);
  for (const std::string& part : package.numbered("word/footer", ".xml"))
    read_part(package, part, sink);
  for (const char* part : {"word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"})
    read_part(package, part, sink);
}

// Slides in their numbers' order, then the speaker notes: both are what a recipient reads.
void read_slides(Package& package, TextSink& sink) {
  const std::string main = "ppt/presentation.xml";
  if (!package.has(main)) throw NotInspected("damaged: no " + main);
  for (const std::string& part : package.numbered("ppt/slides/slide", ".xml"))
    read_part(package, part, sink);
  for (const std::string& part : package.numbered("ppt/notesSlides/notesSlide", ".xml"))
    read_part(package, part, sink);
}

}  // namespace galguard::extract::detail
