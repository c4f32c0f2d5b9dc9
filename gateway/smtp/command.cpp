#include "gateway/smtp/command.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <vector>

#include "gateway/smtp/path.hpp"
#include "gateway/smtp/xtext.hpp"

namespace galguard::smtp {
namespace {

std::string upper(std::string_view text) {
  std::string out{text};
  for (char& c : out)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && upper(text.substr(0, prefix.size())) == prefix;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  while (!(text = trim_spaces(text)).empty()) {
    const auto end = text.find(' ');
    out.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end);
  }
  return out;
}

Reply syntax(std::string text) {
  return standard(Standard::syntax, std::move(text));
}

// "FROM:" or "TO:", then the path; a space after the colon is common enough (Outlook, older
// Exchange) that refusing it would only bounce real mail.
Parsed<std::pair<ParsedPath, std::string_view>> split_path(std::string_view argument,
                                                           std::string_view keyword,
                                                           bool allow_null, std::string usage) {
  if (!starts_with_nocase(argument, keyword)) return syntax(usage);
  std::string_view rest = trim_spaces(argument.substr(keyword.size()));
  auto path = parse_path(rest, allow_null);
  if (!path) return syntax("Error: bad address syntax");
  rest = rest.substr(path->consumed);
  if (!rest.empty() && rest.front() != ' ') return syntax("Error: bad address syntax");
  return std::pair{std::move(*path), rest};
}

std::optional<Reply> apply_mail_parameter(std::string_view parameter, MailParameters& out) {
  const auto equals = parameter.find('=');
  const std::string keyword = upper(parameter.substr(0, equals));
  const bool has_value = equals != std::string_view::npos;
  const std::string_view value = has_value ? parameter.substr(equals + 1) : std::string_view{};
  if (keyword == "SIZE") {
    std::uint64_t size = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), size);
    if (!has_value || value.empty() || error != std::errc{} || end != value.data() + value.size())
      return syntax("Error: bad SIZE parameter");
    if (out.size) return syntax("Error: SIZE given twice");
    out.size = size;
  } else if (keyword == "BODY") {
    const std::string body = upper(value);
    if (out.body != Body::unspecified) return syntax("Error: BODY given twice");
    if (body == "7BIT")
      out.body = Body::seven_bit;
    else if (body == "8BITMIME")
      out.body = Body::eight_bit_mime;
    else
      return syntax("Error: bad BODY parameter");
  } else if (keyword == "SMTPUTF8") {
    if (has_value) return syntax("Error: SMTPUTF8 takes no value");
    out.smtputf8 = true;
  } else {
    // RFC 5321 §4.1.1.11: a parameter we did not advertise is 555.
    return standard(Standard::unknown_parameter,
                    "Error: unsupported parameter " + std::string{parameter.substr(0, equals)});
  }
  return std::nullopt;
}

// "[UNAVAILABLE]" and "[TEMPUNAVAIL]" are Postfix's way of saying "I don't know".
bool unknown_value(std::string_view value) {
  return value == "[UNAVAILABLE]" || value == "[TEMPUNAVAIL]";
}

}  // namespace

Command split_command(std::string_view line) {
  line = trim_spaces(line);
  const auto space = line.find(' ');
  Command command{upper(line.substr(0, space)), {}};
  if (space != std::string_view::npos) command.argument = trim_spaces(line.substr(space));
  return command;
}

Parsed<MailFrom> parse_mail(std::string_view argument) {
  auto split = split_path(argument, "FROM:", true, "Syntax: MAIL FROM:<address>");
  if (auto* error = std::get_if<Reply>(&split)) return std::move(*error);
  auto& [path, rest] = std::get<0>(split);
  MailFrom mail{std::move(path.mailbox), {}};
  for (std::string_view parameter : words(rest))
    if (auto error = apply_mail_parameter(parameter, mail.parameters)) return std::move(*error);
  return mail;
}

Parsed<RcptTo> parse_rcpt(std::string_view argument) {
  auto split = split_path(argument, "TO:", false, "Syntax: RCPT TO:<address>");
  if (auto* error = std::get_if<Reply>(&split)) return std::move(*error);
  auto& [path, rest] = std::get<0>(split);
  // We advertise no RCPT parameters (no DSN), so any is unsupported.
  if (auto parameters = words(rest); !parameters.empty())
    return standard(Standard::unknown_parameter,
                    "Error: unsupported parameter " + std::string{parameters.front()});
  return RcptTo{std::move(path.mailbox)};
}

Parsed<Xforward> parse_xforward(std::string_view argument, Xforward so_far) {
  const auto attributes = words(argument);
  if (attributes.empty()) return syntax("Syntax: XFORWARD attribute=value...");
  for (std::string_view attribute : attributes) {
    const auto equals = attribute.find('=');
    if (equals == std::string_view::npos || equals == 0)
      return syntax("Error: bad XFORWARD attribute syntax");
    const std::string name = upper(attribute.substr(0, equals));
    auto value = xtext_decode(attribute.substr(equals + 1));
    if (!value) return syntax("Error: bad XFORWARD xtext value");
    std::optional<std::string> decoded;
    if (!unknown_value(*value)) decoded = std::move(*value);
    const std::array<std::pair<std::string_view, std::optional<std::string>*>, 7> fields{{
        {"NAME", &so_far.name},
        {"ADDR", &so_far.addr},
        {"PORT", &so_far.port},
        {"PROTO", &so_far.proto},
        {"HELO", &so_far.helo},
        {"IDENT", &so_far.ident},
        {"SOURCE", &so_far.source},
    }};
    bool known = false;
    for (auto& [field_name, field] : fields) {
      if (field_name != name) continue;
      *field = decoded;
      known = true;
    }
    if (!known) return syntax("Error: unknown XFORWARD attribute " + name);
  }
  return so_far;
}

Parsed<std::string> parse_helo(std::string_view argument) {
  argument = trim_spaces(argument);
  if (argument.empty() || argument.find(' ') != std::string_view::npos)
    return syntax("Syntax: EHLO hostname");
  if (!is_domain_or_literal(argument)) return syntax("Error: bad EHLO hostname syntax");
  return std::string{argument};
}

}  // namespace galguard::smtp
