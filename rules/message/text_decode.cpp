#include "rules/message/text_decode.hpp"

#include <algorithm>

#include "rules/message/gmime_support.hpp"
#include "rules/message/message_view.hpp"
#include "rules/message/rfc2047.hpp"
#include "rules/text/ascii.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::gmime {
namespace {

// A NUL in mail text is noise, and GMime hands results back as C strings that would stop at it.
std::string without_nul(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
  return text;
}

// GMime's own validator lets some invalid sequences through ("\xF6\xBB\x9E\x91" comes back
// as is), so its result is checked and, when still not UTF-8, read as windows-1252 by ICU.
std::string decode_8bit(std::string_view bytes, GMimeParserOptions* options) {
  const std::string clean = without_nul(std::string(bytes));
  std::string out = take_string(g_mime_utils_decode_8bit(options, clean.data(), clean.size()));
  if (is_valid_utf8(out)) return out;
  return without_nul(charset_to_utf8(clean, "windows-1252"));
}

}  // namespace

// GMime's charset-name helpers are not used here: they copy the name onto the stack and cache
// every distinct name for the life of the process.
bool is_plausible_charset(std::string_view charset) {
  if (charset.empty() || charset.size() > 64) return false;
  for (const char c : charset) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == ':' || c == '+';
    if (!ok) return false;
  }
  return true;
}

namespace {

bool is_utf8_name(const std::string& charset) {
  return g_ascii_strcasecmp(charset.c_str(), "utf-8") == 0 ||
         g_ascii_strcasecmp(charset.c_str(), "utf8") == 0;
}

// Converts with the declared charset; false when the charset is unknown or the bytes are not
// valid in it (a mislabelled part), so the caller falls back.
bool convert_declared(std::string_view bytes, std::string_view charset, std::string& out) {
  const std::string name(charset);
  if (!is_plausible_charset(name) || is_utf8_name(name)) return false;
  gsize written = 0;
  GError* error = nullptr;
  char* converted = g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8",
                              name.c_str(), nullptr, &written, &error);
  if (error != nullptr) g_error_free(error);
  if (converted == nullptr) return false;
  const CharPtr owned(converted);
  out.assign(converted, written);
  return is_valid_utf8(out);
}

}  // namespace

std::string decoded_content(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  const Ref<GMimeStream> sink(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(content, sink.get()) < 0) return {};
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink.get()));
  if (bytes == nullptr || bytes->len == 0) return {};
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

std::string to_utf8(std::string_view bytes, std::string_view charset, GMimeParserOptions* options) {
  if (bytes.empty()) return {};
  std::string out;
  if (!charset.empty() && convert_declared(bytes, charset, out)) return without_nul(std::move(out));
  if (is_valid_utf8(bytes)) return without_nul(std::string(bytes));
  return decode_8bit(bytes, options);
}

std::string file_to_utf8(std::string_view bytes, std::string_view charset,
                         GMimeParserOptions* options) {
  // A byte order mark says more than any declaration: Excel's "Unicode text" export is UTF-16LE
  // with one, whatever the mail client declared.
  if (bytes.starts_with("\xEF\xBB\xBF")) return to_utf8(bytes.substr(3), "utf-8", options);
  if (bytes.starts_with("\xFF\xFE")) return to_utf8(bytes.substr(2), "utf-16le", options);
  if (bytes.starts_with("\xFE\xFF")) return to_utf8(bytes.substr(2), "utf-16be", options);
  return to_utf8(bytes, charset, options);
}

std::string valid_utf8(std::string text, GMimeParserOptions* options) {
  if (is_valid_utf8(text)) return text;
  return decode_8bit(text, options);
}

std::string decoded_field(const char* value, GMimeParserOptions* options) {
  if (value == nullptr) return {};
  const std::string text = valid_utf8(value, options);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace galguard::rules::gmime

namespace galguard::rules {

std::string decode_header_text(std::string_view value) {
  gmime::ensure_initialised();
  const gmime::Options options = gmime::make_parser_options();
  std::string text;
  for (HeaderTextPart& part : split_encoded_words(value))
    text += part.encoded ? std::move(part.text)
                         : gmime::valid_utf8(std::move(part.text), options.get());
  text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
  return std::string(ascii_trim(text));
}

std::string decode_file_text(std::string_view bytes, std::string_view charset) {
  gmime::ensure_initialised();
  const gmime::Options options = gmime::make_parser_options();
  return gmime::file_to_utf8(bytes, charset, options.get());
}

}  // namespace galguard::rules
