#include "extract/read_attachments.hpp"

#include <fmt/format.h>

#include <new>
#include <string>
#include <utility>

#include "extract/extract_error.hpp"
#include "extract/file_format.hpp"
#include "extract/formats/office_reader.hpp"
#include "extract/formats/pdf_reader.hpp"
#include "extract/formats/text_sink.hpp"
#include "extract/formats/zip_reader.hpp"
#include "rules/message/html_text.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::extract {
namespace {

using rules::Attachment;
using rules::MessageView;

// iCalendar and vCard fold long lines with CRLF and a space (RFC 5545 §3.1, RFC 6350 §3.2): a
// number folded across two lines is one number again.
std::string unfold(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 2 < text.size() && text[i + 1] == '\n' &&
        (text[i + 2] == ' ' || text[i + 2] == '\t')) {
      i += 2;
      continue;
    }
    if (text[i] == '\n' && i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) {
      i += 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

void read_text(std::string_view bytes, const std::string& type, TextSink& sink) {
  std::string text = rules::decode_file_text(bytes);
  if (type == "html") text = rules::html_to_text(text);
  if (type == "ics" || type == "vcf") text = unfold(std::move(text));
  sink.append(text);
}

class FileReader {
 public:
  FileReader(MessageView& view, const Limits& limits, MessageAllowance& allowance)
      : view_(view), limits_(limits), allowance_(allowance) {}

  void read(std::size_t index) {
    std::string bytes = std::move(view_.attachments[index].content);
    view_.attachments[index].content.clear();
    view_.attachments[index].why.clear();
    if (bytes.empty()) {  // nothing in it to miss
      view_.attachments[index].inspected = true;
      return;
    }
    if (bytes.size() > limits_.max_file_bytes) {
      view_.attachments[index].why = "limit: file size";
      return;
    }
    Attachment& file = view_.attachments[index];
    const Sniffed sniffed = sniff(bytes, file.name, file.content_type, limits_);
    file.type = sniffed.type;
    TextSink sink(allowance_.text_left);
    std::string why;
    try {
      read_format(index, sniffed, bytes, sink);
    } catch (const NotInspected& e) {
      why = e.what();
    } catch (const std::bad_alloc&) {
      why = "limit: memory";
    }
    keep_text(index, sink.take());
    // A member's failure was said on the member; the container's own says the rest was not read.
    Attachment& done = view_.attachments[index];
    if (!why.empty()) done.why = why;
    if (sniffed.format == FileFormat::zip || sniffed.format == FileFormat::message)
      done.inspected = done.why.empty() || done.why.starts_with("limit");
    if (done.why.empty() && !done.inspected) {
      // Read without error and no text in it: an empty document is inspected; a PDF without
      // text is almost always a scan, whose content galguard cannot see.
      if (sniffed.format == FileFormat::pdf)
        done.why = "no text (a scanned image?)";
      else
        done.inspected = true;
    }
  }

 private:
  void read_format(std::size_t index, const Sniffed& sniffed, std::string_view bytes,
                   TextSink& sink) {
    switch (sniffed.format) {
      case FileFormat::pdf:
        return read_pdf(bytes, limits_, sink);
      case FileFormat::docx:
        return read_office(bytes, OfficeFormat::docx, limits_, sink);
      case FileFormat::xlsx:
        return read_office(bytes, OfficeFormat::xlsx, limits_, sink);
      case FileFormat::pptx:
        return read_office(bytes, OfficeFormat::pptx, limits_, sink);
      case FileFormat::opendocument:
        return read_office(bytes, OfficeFormat::opendocument, limits_, sink);
      case FileFormat::ole:
        // Password-protected OOXML is an OLE file too: the Office reader tells the two apart.
        return read_office(bytes, OfficeFormat::docx, limits_, sink);
      case FileFormat::text:
        return read_text(bytes, sniffed.type, sink);
      case FileFormat::zip:
        return read_archive(index, bytes);
      case FileFormat::message:
        return read_message(index, bytes);
      case FileFormat::image:
        throw NotInspected("image");
      case FileFormat::unknown:
        throw NotInspected("unknown type");
    }
  }

  void keep_text(std::size_t index, std::string text) {
    if (text.empty()) return;
    allowance_.text_left -= std::min(allowance_.text_left, text.size());
    view_.attachments[index].inspected = true;
    view_.texts.push_back({"attachment", std::move(text), static_cast<int>(index)});
  }

  // A new attachment inside view_.attachments[parent]; its index.
  std::size_t add_inner(std::size_t parent, std::string name, std::string content_type) {
    Attachment inner;
    inner.name = view_.attachments[parent].name + "/" + name;
    inner.content_type = std::move(content_type);
    inner.depth = view_.attachments[parent].depth + 1;
    view_.attachments.push_back(std::move(inner));
    return view_.attachments.size() - 1;
  }

  // Members are read one at a time, each right after it is inflated, so a message holds at
  // most one member per nesting level in memory.
  void read_archive(std::size_t index, std::string_view bytes) {
    const ZipReader zip(bytes, limits_);
    for (std::size_t i = 0; i < zip.members().size(); ++i) {
      const ZipReader::Member& member = zip.members()[i];
      if (member.directory) continue;
      if (++allowance_.entries > limits_.max_entries) throw LimitReached("entries");
      const std::size_t inner = add_inner(index, member.name, "");
      if (view_.attachments[inner].depth > limits_.max_depth) {
        view_.attachments[inner].why = "limit: depth";
        continue;
      }
      try {
        view_.attachments[inner].content = zip.read(i);
      } catch (const NotInspected& e) {
        view_.attachments[inner].why = e.what();
        continue;
      }
      read(inner);
    }
    if (zip.truncated()) throw LimitReached("entries");
  }

  // A saved message: rules/ reads its text and lists its attachments, which are read here.
  void read_message(std::size_t index, std::string_view bytes) {
    MessageView inner;
    try {
      inner = rules::parse_message(bytes, allowance_.text_left);
    } catch (const rules::InputError&) {
      throw NotInspected("damaged: not a mail message");
    }
    const std::size_t base = view_.attachments.size();
    for (rules::TextBlock& block : inner.texts) {
      if (block.place == "attachment-name") continue;  // listed as attachments below
      const std::size_t owner = block.attachment < 0 ? index : base + block.attachment;
      if (owner == index) {
        keep_text(index, std::move(block.text));
      } else {
        allowance_.text_left -= std::min(allowance_.text_left, block.text.size());
        view_.texts.push_back({"attachment", std::move(block.text), static_cast<int>(owner)});
      }
    }
    view_.attachments[index].inspected = true;
    for (Attachment& attachment : inner.attachments) {
      attachment.name = view_.attachments[index].name + "/" + attachment.name;
      attachment.depth += view_.attachments[index].depth;
      view_.attachments.push_back(std::move(attachment));
    }
    for (std::size_t i = base; i < view_.attachments.size(); ++i) {
      if (!view_.attachments[i].waiting()) continue;
      if (view_.attachments[i].depth > limits_.max_depth) {
        view_.attachments[i].content.clear();
        view_.attachments[i].why = "limit: depth";
        continue;
      }
      read(i);
    }
  }

  MessageView& view_;
  const Limits& limits_;
  MessageAllowance& allowance_;
};

}  // namespace

void read_attachment(MessageView& view, std::size_t index, const Limits& limits,
                     MessageAllowance& allowance) {
  FileReader(view, limits, allowance).read(index);
}

void read_attachments(MessageView& view, const Limits& limits) {
  MessageAllowance allowance(limits);
  // Attachments found inside are appended and read by their container: only the ones rules/
  // left are started here.
  const std::size_t count = view.attachments.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (view.attachments[i].waiting()) read_attachment(view, i, limits, allowance);
  }
}

}  // namespace galguard::extract
