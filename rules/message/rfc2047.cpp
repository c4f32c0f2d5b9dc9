#include "rules/message/rfc2047.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "rules/message/text_decode.hpp"
#include "rules/text/base64.hpp"
#include "rules/text/normalize.hpp"
#include "rules/text/utf8.hpp"

namespace galguard::rules {
namespace {

struct EncodedWord {
  std::size_t end = 0;  // one past "?="
  std::string_view charset;
  bool base64 = false;
  std::string_view text;
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// Finds encoded words in one value. The end marker "?=" is looked up through a memo: lookups
// only move forward, and without it a value of many "=?x?q?" starts and no end would cost a
// scan to its end for each start (quadratic in a 1 MiB header).
class WordFinder {
 public:
  explicit WordFinder(std::string_view value) : v_(value) {}

  // "=?charset?B|Q?text?=" at i, ending at or before limit. The text runs to the first "?="
  // (a stray '?' in Q text is kept, as clients do) and has no white space.
  std::optional<EncodedWord> at(std::size_t i, std::size_t limit) {
    if (v_.substr(i, 2) != "=?") return std::nullopt;
    const std::size_t charset_begin = i + 2;
    const std::size_t charset_end = v_.substr(0, std::min(limit, i + 80)).find('?', charset_begin);
    if (charset_end == std::string_view::npos || charset_end == charset_begin ||
        charset_end + 2 >= limit || v_[charset_end + 2] != '?')
      return std::nullopt;
    const char encoding = v_[charset_end + 1];
    if (encoding != 'b' && encoding != 'B' && encoding != 'q' && encoding != 'Q')
      return std::nullopt;
    const std::size_t text_begin = charset_end + 3;
    const std::size_t text_end = end_marker(text_begin);
    if (text_end == std::string_view::npos || text_end + 2 > limit) return std::nullopt;
    EncodedWord word;
    word.charset = v_.substr(charset_begin, charset_end - charset_begin);
    word.base64 = encoding == 'b' || encoding == 'B';
    word.text = v_.substr(text_begin, text_end - text_begin);
    word.end = text_end + 2;
    if (word.text.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
    return word;
  }

 private:
  std::size_t end_marker(std::size_t from) {
    if (!memo_valid_ || from < memo_from_ || (memo_ != std::string_view::npos && memo_ < from)) {
      memo_ = v_.find("?=", from);
      memo_from_ = from;
      memo_valid_ = true;
    }
    return memo_;
  }

  std::string_view v_;
  bool memo_valid_ = false;
  std::size_t memo_from_ = 0;
  std::size_t memo_ = std::string_view::npos;
};

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Every alphabet character counts, whatever else is around it; padding is optional and the
// bits of a last partial byte are dropped (RFC 4648 §3.3 allows a decoder to ignore them).
std::string decode_base64(std::string_view text) {
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (const char c : text) {
    const int value = base64_value(c);
    if (value < 0) continue;
    bits = (bits << 6) | static_cast<unsigned>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 2047 §4.2; an '=' not followed by two hex digits is kept as written.
std::string decode_q(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out += ' ';
    } else if (text[i] == '=' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

void replace_with_fffd(const void*, UConverterToUnicodeArgs* args, const char*, int32_t,
                       UConverterCallbackReason reason, UErrorCode* error) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to write
  *error = U_ZERO_ERROR;
  const UChar replacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

struct ConverterClose {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using Converter = std::unique_ptr<UConverter, ConverterClose>;

// The charset as a client reads it: "utf-8*sv" (RFC 2231 language) is utf-8, and the labels
// the WHATWG Encoding Standard reads as windows-1252 are read so (Outlook's "iso-8859-1" text
// holds curly quotes and the euro sign).
Converter open_converter(std::string_view label) {
  label = label.substr(0, label.find('*'));
  if (!gmime::is_plausible_charset(label)) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  Converter converter(ucnv_open(std::string(label).c_str(), &status));
  if (U_FAILURE(status) || converter == nullptr) return nullptr;
  const std::string_view canonical = ucnv_getName(converter.get(), &status);
  if (canonical == "ISO-8859-1" || canonical == "US-ASCII") {
    status = U_ZERO_ERROR;
    converter.reset(ucnv_open("windows-1252", &status));
    if (U_FAILURE(status)) return nullptr;
  }
  ucnv_setToUCallBack(converter.get(), replace_with_fffd, nullptr, nullptr, nullptr, &status);
  return U_SUCCESS(status) ? std::move(converter) : nullptr;
}

}  // namespace

std::string charset_to_utf8(std::string_view bytes, std::string_view label) {
  Converter converter = open_converter(label);
  if (converter == nullptr)
    converter = open_converter(is_valid_utf8(bytes) ? "utf-8" : "windows-1252");
  if (converter == nullptr) return {};
  std::u16string wide(bytes.size() + 4, u'\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length =
        ucnv_toUChars(converter.get(), wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                      static_cast<int32_t>(bytes.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      wide.resize(static_cast<std::size_t>(length) + 1);
      continue;
    }
    if (U_FAILURE(status)) return {};
    wide.resize(static_cast<std::size_t>(length));
    break;
  }
  std::string out;
  for (std::size_t i = 0; i < wide.size(); ++i) {
    char32_t cp = wide[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < wide.size() && wide[i + 1] >= 0xDC00 &&
        wide[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (wide[i + 1] - 0xDC00);
      ++i;
    }
    append_utf8(out, cp);  // NUL and lone surrogates become U+FFFD
  }
  return out;
}

namespace {

// One run of adjacent encoded words from `begin`, ending at or before limit; the bytes of
// neighbours in the same charset are joined before conversion, so a character split over two
// words comes out whole.
std::optional<std::pair<std::size_t, std::string>> decode_run(std::string_view v,
                                                              WordFinder& finder, std::size_t begin,
                                                              std::size_t limit) {
  std::optional<EncodedWord> word = finder.at(begin, limit);
  if (!word) return std::nullopt;
  std::string out;
  std::string pending;
  std::string pending_charset;
  std::size_t end = begin;
  while (word) {
    if (!pending.empty() && pending_charset != word->charset) {
      out += charset_to_utf8(pending, pending_charset);
      pending.clear();
    }
    pending_charset = std::string(word->charset);
    pending += word->base64 ? decode_base64(word->text) : decode_q(word->text);
    end = word->end;
    std::size_t next = end;
    while (next < limit && is_blank(v[next]))
      ++next;
    word = finder.at(next, limit);
  }
  if (!pending.empty()) out += charset_to_utf8(pending, pending_charset);
  return std::make_pair(end, std::move(out));
}

}  // namespace

std::vector<HeaderTextPart> split_encoded_words(std::string_view text) {
  std::vector<HeaderTextPart> parts;
  WordFinder finder(text);
  std::size_t plain_begin = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t candidate = text.find("=?", i);
    if (candidate == std::string_view::npos) break;
    auto run = decode_run(text, finder, candidate, text.size());
    if (!run) {
      i = candidate + 1;
      continue;
    }
    if (candidate > plain_begin)
      parts.push_back({false, std::string(text.substr(plain_begin, candidate - plain_begin))});
    parts.push_back({true, std::move(run->second)});
    plain_begin = i = run->first;
  }
  if (plain_begin < text.size()) parts.push_back({false, std::string(text.substr(plain_begin))});
  return parts;
}

std::string canonical_encoded_words(std::string_view value, std::span<const ByteRange> ranges) {
  std::vector<ByteRange> sorted(ranges.begin(), ranges.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  WordFinder finder(value);
  std::string out;
  std::size_t copied = 0;
  for (const ByteRange& range : sorted) {
    const std::size_t end = std::min(range.end, value.size());
    const std::string_view window = value.substr(0, end);
    std::size_t i = std::max(range.begin, copied);
    while (i < end) {
      const std::size_t candidate = window.find("=?", i);
      if (candidate == std::string_view::npos) break;
      auto run = decode_run(value, finder, candidate, end);
      if (!run) {
        i = candidate + 1;
        continue;
      }
      out.append(value.substr(copied, candidate - copied));
      if (!run->second.empty()) out += "=?utf-8?b?" + base64_encode(run->second) + "?=";
      copied = i = run->first;
    }
  }
  out.append(value.substr(std::min(copied, value.size())));
  return out;
}

}  // namespace galguard::rules
