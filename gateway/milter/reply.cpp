#include "gateway/milter/reply.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace galguard::milter {

namespace {

bool printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// RFC 3463 "class.subject.detail": class 2, 4 or 5, then 1-3 and 1-3 digits.
bool enhanced_status(std::string_view s) {
  const auto digits = [&s](std::size_t max) {
    std::size_t n = 0;
    while (n < s.size() && n < max + 1 && s[n] >= '0' && s[n] <= '9')
      ++n;
    if (n == 0 || n > max) return false;
    s.remove_prefix(n);
    return true;
  };
  if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return false;
  s.remove_prefix(2);
  if (!digits(3) || s.empty() || s[0] != '.') return false;
  s.remove_prefix(1);
  return digits(3) && s.empty();
}

// RFC 5322 ftext: printable ASCII except the colon.
bool header_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(),
                                      [](char c) { return c >= 0x21 && c <= 0x7e && c != ':'; });
}

Decoded<std::string> header_payload(std::string_view name, std::string_view value) {
  if (!header_name(name)) return Error{fmt::format("invalid header name \"{}\"", name)};
  // Tabs are allowed in a header value; CR, LF and NUL would start a new header or end ours.
  if (std::any_of(value.begin(), value.end(),
                  [](char c) { return c == '\r' || c == '\n' || c == '\0'; }))
    return Error{fmt::format("header {} value has a CR, LF or NUL", name)};
  std::string payload;
  payload.append(name).push_back('\0');
  payload.append(value).push_back('\0');
  return payload;
}

}  // namespace

Packet reply_continue() {
  return {reply::continue_, {}};
}
Packet reply_accept() {
  return {reply::accept, {}};
}
Packet reply_reject() {
  return {reply::reject, {}};
}
Packet reply_tempfail() {
  return {reply::tempfail, {}};
}
Packet reply_discard() {
  return {reply::discard, {}};
}

Decoded<Packet> reply_code(int code, std::string_view enhanced, std::string_view text) {
  if (code < 400 || code > 599)
    return Error{fmt::format("milter reply code {} is not 4xx or 5xx", code)};
  if (!enhanced_status(enhanced) || enhanced[0] != '0' + code / 100)
    return Error{fmt::format("enhanced status \"{}\" does not fit reply code {}", enhanced, code)};
  // A CR or LF would end the SMTP reply and let the rest be read as another one.
  if (!printable_ascii(text))
    return Error{fmt::format("reply text for {} has a control or non-ASCII character", code)};
  std::string payload = fmt::format("{} {}", code, enhanced);
  if (!text.empty()) payload.push_back(' ');
  // Sendmail uses the reply as a format string and Postfix undoes that, so both read "%%" as
  // one '%' and drop a single one.
  for (char c : text) {
    if (c == '%') payload.push_back('%');
    payload.push_back(c);
  }
  // RFC 5321 §4.5.3.1.5: 512 octets per reply line, CRLF included.
  if (payload.size() > 510)
    return Error{fmt::format("reply {} {} is {} bytes, over the SMTP limit of 510 before CRLF",
                             code, enhanced, payload.size())};
  payload.push_back('\0');
  return Packet{reply::reply_code, std::move(payload)};
}

Decoded<Packet> reply_add_header(std::string_view name, std::string_view value) {
  auto payload = header_payload(name, value);
  if (auto* error = std::get_if<Error>(&payload)) return std::move(*error);
  return Packet{reply::add_header, std::move(std::get<std::string>(payload))};
}

Decoded<Packet> reply_insert_header(std::uint32_t index, std::string_view name,
                                    std::string_view value) {
  auto payload = header_payload(name, value);
  if (auto* error = std::get_if<Error>(&payload)) return std::move(*error);
  std::string bytes;
  append_u32(bytes, index);
  bytes.append(std::get<std::string>(payload));
  return Packet{reply::insert_header, std::move(bytes)};
}

Packet reply_optneg(const Negotiation& negotiation) {
  const OptNeg& chosen = negotiation.chosen;
  std::string payload;
  append_u32(payload, chosen.version);
  append_u32(payload, chosen.actions);
  append_u32(payload, chosen.protocol);
  for (const MacroList& list : negotiation.macros) {
    append_u32(payload, list.stage);
    payload.append(list.names);
    payload.push_back('\0');
  }
  return Packet{command::optneg, std::move(payload)};
}

}  // namespace galguard::milter
