#include "rules/message/addresses.hpp"
#include "rules/text/ascii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>

#include "rules/message/address_syntax.hpp"
#include "rules/message/gmime_guard.hpp"
#include "rules/message/gmime_support.hpp"
#include "rules/message/rfc2047.hpp"
#include "rules/message/text_decode.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules::gmime {
namespace {

// Resent-Bcc is rare (a resent message's blind copies) but as much a recipient as Bcc.
constexpr std::array<std::string_view, 7> kRecipientHeaders = {
    "To", "Cc", "Bcc", "Reply-To", "Resent-To", "Resent-Cc", "Resent-Bcc",
};

// What GMime is given of a value: unfolded (GMime keeps the CRLF of a folded line inside a
// display name) and with its encoded words in the form GMime decodes whole (rfc2047.hpp).
// GMime reads a C string, so it stops at a NUL; scan_address_list reports that. Rewriting the
// encoded words can move a '(' before the NUL, so comments are closed after it (gmime_guard).
Ref<InternetAddressList> parse_list(GMimeParserOptions* options, const std::string& value,
                                    const AddressListShape& shape) {
  const std::string canonical =
      with_comments_closed(canonical_encoded_words(value, shape.name_ranges));
  return Ref<InternetAddressList>(internet_address_list_parse(options, canonical.c_str()));
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

// What GMime made of one header: how many mailboxes, and whether one of them is no address.
struct ReadCount {
  std::size_t mailboxes = 0;
  bool incomplete = false;  // "evil", "a@", "": no '@' or nothing on one side of it
};

bool is_complete_address(std::string_view addr) {
  const std::size_t at = addr.rfind('@');
  return at != std::string_view::npos && at > 0 && at + 1 < addr.size();
}

// Members of groups at any depth are recipients: RFC 5322 has no groups in groups, but GMime's
// loose parser builds them, and a recipient must not hide by nesting. An explicit stack keeps
// header order without recursion.
ReadCount collect(InternetAddressList* top, const HeaderContext& context,
                  std::vector<Recipient>& out) {
  ReadCount count;
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
    ++count.mailboxes;
    std::string addr = written_address(INTERNET_ADDRESS_MAILBOX(address), context.written);
    if (!is_complete_address(addr)) count.incomplete = true;
    if (addr.empty()) continue;
    Recipient recipient;
    recipient.header = std::string(context.header);
    recipient.display_name = decoded_field(internet_address_get_name(address), context.options);
    recipient.address_key = normalize_address(addr);
    recipient.address = std::move(addr);
    out.push_back(std::move(recipient));
  }
  return count;
}

bool starts_field(std::string_view line, std::string_view name) {
  if (line.size() < name.size() || !ascii_iequals(line.substr(0, name.size()), name)) return false;
  const std::size_t colon = line.find_first_not_of(" \t", name.size());
  return colon != std::string_view::npos && line[colon] == ':';
}

// The header field as written in `input`, from its name to the end of its last folded line.
// GMime's offset is where it started reading the field (it can sit before an mbox "From "
// line); the field itself is the first line from there that starts with the name. "" when it
// is not found, and then GMime's raw value is all there is.
std::pair<std::size_t, std::string_view> written_field(std::string_view input, std::int64_t offset,
                                                       std::string_view name) {
  if (offset < 0 || static_cast<std::uint64_t>(offset) >= input.size()) return {0, {}};
  std::size_t begin = static_cast<std::size_t>(offset);
  while (begin < input.size()) {
    const std::size_t end = logical_line_end(input, begin);
    const std::string_view line = input.substr(begin, end - begin);
    if (starts_field(line, name)) return {begin, line};
    if (ascii_trim(line).empty()) break;  // the end of the header section
    begin = end;
  }
  return {0, {}};
}

// Spaces and tabs around a value are layout; anything else at its ends is evidence.
std::string_view without_blanks(std::string_view value) {
  const std::size_t first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return value.substr(first, value.find_last_not_of(" \t") - first + 1);
}

// Why the header cannot be read completely; "" when GMime read all of it. `guarded` is the
// reason when gmime_guard changed the field.
std::string unreadable_reason(const AddressListShape& shape, const ReadCount& read,
                              bool gmime_saw_less, const std::optional<std::string>& guarded) {
  if (guarded) return *guarded;
  if (!shape.problem.empty()) return shape.problem;
  if (gmime_saw_less) return "the parser stopped before its end";
  if (read.incomplete) return "an address without '@'";
  if (read.mailboxes < shape.mailboxes)
    return "only " + std::to_string(read.mailboxes) + " of its " + std::to_string(shape.mailboxes) +
           " addresses could be read";
  if (read.mailboxes > shape.mailboxes)
    return "it reads as " + std::to_string(read.mailboxes) + " addresses where " +
           std::to_string(shape.mailboxes) + " are written";
  return {};
}

}  // namespace

std::string_view canonical_recipient_header(std::string_view name) {
  for (std::string_view canonical : kRecipientHeaders) {
    if (ascii_iequals(ascii_trim(name), canonical)) return canonical;
  }
  return {};
}

RecipientHeaders recipients_of(GMimeHeaderList* headers, GMimeParserOptions* options,
                               std::string_view input, std::span<const GuardedLine> guarded) {
  RecipientHeaders out;
  const int count = g_mime_header_list_get_count(headers);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    const std::string field_name = to_string(g_mime_header_get_name(header));
    const std::string_view name = canonical_recipient_header(field_name);
    if (name.empty()) continue;
    const std::string gmime_value = to_string(g_mime_header_get_raw_value(header));
    const auto [at, field] = written_field(input, g_mime_header_get_offset(header), field_name);
    // What GMime was given; its raw value ends at a NUL.
    const std::string_view given =
        field.empty() ? std::string_view(gmime_value) : field.substr(field.find(':') + 1);
    const auto line =
        std::find_if(guarded.begin(), guarded.end(),
                     [offset = at](const GuardedLine& g) { return g.offset == offset; });
    const GuardedLine* was_guarded = field.empty() || line == guarded.end() ? nullptr : &*line;
    // A field the guard changed is judged and shown as the message has it; one cut or
    // stripped of colons past a limit is held unreadable, and read only as cut, since GMime
    // cannot safely be given the original.
    std::string_view original;
    std::optional<std::string> guard_reason;
    if (was_guarded != nullptr) {
      original = was_guarded->original;
      while (original.ends_with('\n') || original.ends_with('\r'))
        original.remove_suffix(1);
      original = original.substr(original.find(':') + 1);
      if (!was_guarded->reason.empty()) guard_reason = std::string(was_guarded->reason);
    }
    const std::string value =
        unfold_header(was_guarded != nullptr && !guard_reason ? original : given);
    const AddressListShape shape = scan_address_list(value);
    const Ref<InternetAddressList> list = parse_list(options, value, shape);
    WrittenDomains domains(value);
    const ReadCount read =
        collect(list.get(), HeaderContext{name, domains, options}, out.recipients);
    const std::string shown = was_guarded != nullptr ? unfold_header(original) : value;
    std::string reason = unreadable_reason(
        shape, read, unfold_header(gmime_value) != unfold_header(given), guard_reason);
    if (reason.empty()) continue;
    out.unreadable.push_back(
        {std::string(name), escape_for_display(without_blanks(shown)), std::move(reason)});
  }
  return out;
}

std::string from_of(GMimeHeaderList* headers, GMimeParserOptions* options) {
  GMimeHeader* header = g_mime_header_list_get_header(headers, "From");
  if (header == nullptr || g_mime_header_get_raw_value(header) == nullptr) return {};
  const std::string value = unfold_header(g_mime_header_get_raw_value(header));
  const Ref<InternetAddressList> list = parse_list(options, value, scan_address_list(value));
  if (list == nullptr) return {};
  const CharPtr text(internet_address_list_to_string(list.get(), nullptr, FALSE));
  return decoded_field(text.get(), options);
}

}  // namespace galguard::rules::gmime
