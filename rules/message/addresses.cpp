#include "rules/message/addresses.hpp"
#include "rules/text/ascii.hpp"

#include <array>
#include <cctype>
#include <unordered_map>
#include <utility>

#include "rules/message/gmime_support.hpp"
#include "rules/message/text_decode.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::gmime {
namespace {

constexpr std::array<std::string_view, 6> kRecipientHeaders = {
    "To", "Cc", "Bcc", "Reply-To", "Resent-To", "Resent-Cc",
};

// GMime parses the raw value as is and keeps the CRLF of a folded line inside a display name;
// unfolding (RFC 5322 §2.2.3) only removes the line breaks.
std::string unfolded(const char* raw_value) {
  return take_string(g_mime_utils_header_unfold(raw_value));
}

Ref<InternetAddressList> parse_list(GMimeParserOptions* options, const std::string& value) {
  return Ref<InternetAddressList>(internet_address_list_parse(options, value.c_str()));
}

bool is_domain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

// GMime turns a domain with an "xn--" label into Unicode; the view keeps the domain as the
// message wrote it, so a punycode look-alike stays visible to whoever reads a finding. The
// written forms are indexed once per header, so a header of thousands of such addresses stays
// linear.
class WrittenDomains {
 public:
  explicit WrittenDomains(std::string_view value) : value_(value) {}

  // The domain as written for GMime's ASCII (IDNA) form of it, or "" when the message wrote
  // it in Unicode.
  std::string_view find(std::string_view ascii_domain) {
    if (!indexed_) index();
    const auto found = domains_.find(ascii_lower(ascii_domain));
    return found != domains_.end() ? found->second : std::string_view();
  }

 private:
  void index() {
    indexed_ = true;
    std::size_t i = 0;
    while (i < value_.size()) {
      if (!is_domain_char(value_[i])) {
        ++i;
        continue;
      }
      const std::size_t start = i;
      while (i < value_.size() && is_domain_char(value_[i]))
        ++i;
      std::string_view run = value_.substr(start, i - start);
      while (!run.empty() && run.back() == '.')
        run.remove_suffix(1);  // GMime drops it too
      std::string key = ascii_lower(run);
      if (key.find("xn--") != std::string::npos) domains_.emplace(std::move(key), run);
    }
  }

  std::string_view value_;
  bool indexed_ = false;
  std::unordered_map<std::string, std::string_view> domains_;
};

std::string written_address(InternetAddressMailbox* mailbox, WrittenDomains& written) {
  std::string addr = to_string(internet_address_mailbox_get_addr(mailbox));
  const std::string ascii = to_string(internet_address_mailbox_get_idn_addr(mailbox));
  if (addr == ascii) return addr;
  const std::size_t addr_at = addr.rfind('@');
  const std::size_t ascii_at = ascii.rfind('@');
  if (addr_at == std::string::npos || ascii_at == std::string::npos) return addr;
  const std::string_view domain = written.find(std::string_view(ascii).substr(ascii_at + 1));
  if (domain.empty()) return addr;
  return addr.substr(0, addr_at + 1) + std::string(domain);
}

struct HeaderContext {
  std::string_view header;  // canonical name
  WrittenDomains& written;
  GMimeParserOptions* options;
};

// Members of groups at any depth are recipients: RFC 5322 has no groups in groups, but GMime's
// loose parser builds them, and a recipient must not hide by nesting. An explicit stack keeps
// header order without recursion.
void collect(InternetAddressList* top, const HeaderContext& context, std::vector<Recipient>& out) {
  std::vector<std::pair<InternetAddressList*, int>> pending{{top, 0}};
  while (!pending.empty()) {
    auto& [list, next] = pending.back();
    if (list == nullptr || next >= internet_address_list_length(list)) {
      pending.pop_back();
      continue;
    }
    InternetAddress* address = internet_address_list_get_address(list, next++);
    if (INTERNET_ADDRESS_IS_GROUP(address)) {
      pending.emplace_back(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), 0);
      continue;
    }
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    std::string addr = written_address(INTERNET_ADDRESS_MAILBOX(address), context.written);
    if (addr.empty()) continue;
    Recipient recipient;
    recipient.header = std::string(context.header);
    recipient.display_name = decoded_field(internet_address_get_name(address), context.options);
    recipient.address_key = normalize_address(addr);
    recipient.address = std::move(addr);
    out.push_back(std::move(recipient));
  }
}

}  // namespace

std::string_view canonical_recipient_header(std::string_view name) {
  for (std::string_view canonical : kRecipientHeaders) {
    if (ascii_iequals(ascii_trim(name), canonical)) return canonical;
  }
  return {};
}

std::vector<Recipient> recipients_of(GMimeHeaderList* headers, GMimeParserOptions* options) {
  std::vector<Recipient> out;
  const int count = g_mime_header_list_get_count(headers);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    const std::string_view name =
        canonical_recipient_header(to_string(g_mime_header_get_name(header)));
    const char* raw_value = g_mime_header_get_raw_value(header);
    if (name.empty() || raw_value == nullptr) continue;
    const std::string value = unfolded(raw_value);
    const Ref<InternetAddressList> list = parse_list(options, value);
    WrittenDomains written(value);
    collect(list.get(), HeaderContext{name, written, options}, out);
  }
  return out;
}

std::string from_of(GMimeHeaderList* headers, GMimeParserOptions* options) {
  GMimeHeader* header = g_mime_header_list_get_header(headers, "From");
  if (header == nullptr || g_mime_header_get_raw_value(header) == nullptr) return {};
  const Ref<InternetAddressList> list =
      parse_list(options, unfolded(g_mime_header_get_raw_value(header)));
  if (list == nullptr) return {};
  const CharPtr text(internet_address_list_to_string(list.get(), nullptr, FALSE));
  return decoded_field(text.get(), options);
}

}  // namespace galguard::rules::gmime
