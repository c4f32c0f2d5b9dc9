// parse_message: raw bytes → MessageView. The stages are in the order a reader needs them:
// parse, reject what is not mail, recipients, header fields, then the body.
#include <optional>
#include <string>
#include <vector>

#include "rules/message/address_syntax.hpp"
#include "rules/message/addresses.hpp"
#include "rules/message/gmime_guard.hpp"
#include "rules/message/gmime_support.hpp"
#include "rules/message/message_view.hpp"
#include "rules/message/mime_walk.hpp"
#include "rules/message/text_budget.hpp"
#include "rules/message/text_decode.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::rules {
namespace {

std::string_view first_line(std::string_view raw) {
  const std::size_t end = raw.find('\n');
  return end == std::string_view::npos ? raw : raw.substr(0, end);
}

bool looks_binary(std::string_view raw) {
  for (const char c : raw.substr(0, 512)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0 || (byte < 0x20 && byte != '\t' && byte != '\r' && byte != '\n')) return true;
  }
  return false;
}

// One line for the operator; it names the shape of the input, never its content (which may be
// personal data).
[[noreturn]] void throw_not_a_message(std::string_view raw) {
  std::string reason;
  if (raw.empty()) {
    reason = "empty input";
  } else if (looks_binary(raw)) {
    reason = "binary data, no header section";
  } else if (first_line(raw).find_first_not_of(" \t\r") == std::string_view::npos) {
    reason = "the input starts with a blank line, so the header section is empty";
  } else {
    reason = "the first line is not a header field (name: value)";
  }
  throw InputError("", "not a mail message: " + reason);
}

// From the raw value, so that its encoded words are decoded as tolerantly as names are.
std::string subject_of(GMimeHeaderList* headers) {
  GMimeHeader* header = g_mime_header_list_get_header(headers, "Subject");
  if (header == nullptr || g_mime_header_get_raw_value(header) == nullptr) return {};
  return decode_header_text(unfold_header(g_mime_header_get_raw_value(header)));
}

}  // namespace

MessageView parse_message(std::string_view raw, std::size_t max_text_bytes) {
  // Some tools save .eml files with a UTF-8 byte order mark, which GMime would read as part of
  // the first field name.
  if (raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);
  if (raw.empty()) throw_not_a_message(raw);
  gmime::ensure_initialised();
  const gmime::Options options = gmime::make_parser_options();
  std::vector<GuardedLine> guarded_lines;
  const std::optional<std::string> guarded = guard_for_gmime(raw, GuardLimits{}, &guarded_lines);
  const std::string_view input = guarded ? std::string_view(*guarded) : raw;
  const gmime::Ref<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(input.data(), input.size()));
  const gmime::Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  const gmime::Ref<GMimeMessage> message(
      g_mime_parser_construct_message(parser.get(), options.get()));

  GMimeObject* object = message != nullptr ? GMIME_OBJECT(message.get()) : nullptr;
  GMimeHeaderList* headers = object != nullptr ? g_mime_object_get_header_list(object) : nullptr;
  if (headers == nullptr || g_mime_header_list_get_count(headers) == 0) throw_not_a_message(raw);

  MessageView view;
  gmime::RecipientHeaders recipients =
      gmime::recipients_of(headers, options.get(), input, guarded_lines);
  view.recipients = std::move(recipients.recipients);
  view.unreadable_recipients = std::move(recipients.unreadable);
  view.from = gmime::from_of(headers, options.get());
  view.subject = subject_of(headers);
  view.date = gmime::decoded_field(g_mime_object_get_header(object, "Date"), options.get());
  view.message_id =
      gmime::decoded_field(g_mime_message_get_message_id(message.get()), options.get());

  TextBudget budget(max_text_bytes);
  budget.add(view.texts, "subject", view.subject);
  gmime::scan_body(g_mime_message_get_mime_part(message.get()), options.get(), budget, view);
  return view;
}

}  // namespace galguard::rules
