// libFuzzer entry for the attachment reader as the worker runs it: the input is one attached
// file (its first byte picks the name it is sent under, so name-based choices are reached too),
// read with every format, archive and saved-message path under small limits. Invariants: every
// attachment ends inspected or with a reason, no text past the limit, every text block belongs
// to an attachment. Keep reproducers in corpus/attachment/.
// Run: fuzz_attachment -max_total_time=60 CORPUS_COPY tests/fuzz/corpus/attachment
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extract/read_attachments.hpp"
#include "rules/text/normalize.hpp"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

constexpr std::array<std::string_view, 8> kNames = {"fil",   "a.pdf", "a.docx", "a.xlsx",
                                                    "a.odt", "a.zip", "a.eml",  "a.csv"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  using namespace galguard;
  extract::Limits limits;
  limits.max_text_bytes = 256 * 1024;
  limits.max_file_bytes = 256 * 1024;
  limits.max_entries = 32;
  limits.max_depth = 3;
  limits.max_pdf_pages = 10;
  rules::MessageView view;
  rules::Attachment file;
  file.name = std::string(kNames[data[0] % kNames.size()]);
  file.content.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  file.why = "not read";
  view.attachments.push_back(std::move(file));
  extract::read_attachments(view, limits);

  std::size_t text = 0;
  for (const rules::TextBlock& block : view.texts) {
    require(block.attachment >= 0 &&
            static_cast<std::size_t>(block.attachment) < view.attachments.size());
    require(rules::is_valid_utf8(block.text));
    text += block.text.size();
  }
  require(text <= limits.max_text_bytes);
  for (const rules::Attachment& a : view.attachments) {
    require(a.inspected || !a.why.empty());
    require(a.content.empty());
  }
  return 0;
}
