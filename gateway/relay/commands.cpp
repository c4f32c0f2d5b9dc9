#include "gateway/relay/commands.hpp"

#include <array>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace galguard::relay {
namespace {

bool ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// The header section: up to the first empty line (CRLF CRLF or LF LF), or all of a message
// that has no body.
std::string_view header_section(std::string_view message) {
  std::size_t at = 0;
  while (at < message.size()) {
    std::size_t end = message.find('\n', at);
    if (end == std::string_view::npos) return message;
    const std::string_view line = message.substr(at, end - at);
    if (line.empty() || line == "\r") return message.substr(0, at);
    at = end + 1;
  }
  return message;
}

}  // namespace

std::string xtext_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto octet = static_cast<unsigned char>(c);
    if (octet < 33 || octet > 126 || c == '+' || c == '=') {
      out += fmt::format("+{:02X}", octet);
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> xforward_commands(const smtp::Xforward& xforward,
                                           const std::vector<std::string>& announced) {
  const std::array<std::pair<std::string_view, const std::optional<std::string>*>, 7> attributes{{
      {"NAME", &xforward.name},
      {"ADDR", &xforward.addr},
      {"PORT", &xforward.port},
      {"PROTO", &xforward.proto},
      {"HELO", &xforward.helo},
      {"IDENT", &xforward.ident},
      {"SOURCE", &xforward.source},
  }};
  bool any_known = false;
  for (const auto& [name, value] : attributes)
    any_known = any_known || value->has_value();
  if (!any_known) return {};

  std::vector<std::string> lines;
  std::string line;
  constexpr std::string_view kVerb = "XFORWARD";
  for (const auto& [name, value] : attributes) {
    bool offered = false;
    for (const std::string& a : announced)
      offered = offered || a == name;
    if (!offered) continue;
    const std::string pair = fmt::format(
        " {}={}", name, value->has_value() ? xtext_encode(**value) : std::string{"[UNAVAILABLE]"});
    // A single attribute longer than a command line still goes, alone: Postfix's smtpd reads
    // lines up to line_length_limit (2048).
    if (!line.empty() && line.size() + pair.size() + 2 > kMaxCommandLine) {
      lines.push_back(line + "\r\n");
      line.clear();
    }
    if (line.empty()) line = kVerb;
    line += pair;
  }
  if (!line.empty()) lines.push_back(line + "\r\n");
  return lines;
}

std::string mail_command(const Transaction& transaction, const Extensions& extensions) {
  std::string line = fmt::format("MAIL FROM:<{}>", transaction.sender);
  const smtp::MailParameters& parameters = transaction.parameters;
  // BODY= only to a hop that knows it (RFC 6152 §2); 8-bit content without it is sent as is,
  // as Postfix does, rather than refused or converted.
  if (extensions.eight_bit_mime) {
    if (parameters.body == smtp::Body::eight_bit_mime) line += " BODY=8BITMIME";
    if (parameters.body == smtp::Body::seven_bit) line += " BODY=7BIT";
  }
  if (extensions.smtputf8 && parameters.smtputf8) line += " SMTPUTF8";
  // The size we are about to send, which is what RFC 1870 asks for; the client's estimate may
  // differ.
  if (extensions.size) line += fmt::format(" SIZE={}", transaction.message.size());
  return line + "\r\n";
}

std::string rcpt_command(std::string_view recipient) {
  return fmt::format("RCPT TO:<{}>\r\n", recipient);
}

bool needs_smtputf8(const Transaction& transaction) {
  if (!transaction.parameters.smtputf8) return false;
  if (!ascii(transaction.sender)) return true;
  for (const std::string& recipient : transaction.recipients)
    if (!ascii(recipient)) return true;
  return !ascii(header_section(transaction.message));
}

bool unsafe_address(std::string_view address) {
  return address.find_first_of(std::string_view{"\r\n\0", 3}) != std::string_view::npos;
}

}  // namespace galguard::relay
