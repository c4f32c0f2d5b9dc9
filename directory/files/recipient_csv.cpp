// Get-Recipient / Get-GlobalAddressList | Export-Csv → rules::Entry. Columns are matched by name
// (any case, any order); what PowerShell writes for a collection it cannot flatten
// ("System.Object[]") means "unknown", not an address.
#include <array>
#include <optional>

#include "directory/files/csv_reader.hpp"
#include "directory/files/file_sources.hpp"
#include "directory/files/mapping.hpp"
#include "rules/text/ascii.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::directory {
namespace {

using files::CsvRecord;

constexpr std::array<std::string_view, 2> kNameColumns{"DisplayName", "Name"};
constexpr std::array<std::string_view, 3> kPrimaryColumns{"PrimarySmtpAddress",
                                                          "WindowsEmailAddress", "EmailAddress"};
constexpr std::string_view kProxyColumn = "EmailAddresses";
constexpr std::string_view kTargetColumn = "ExternalEmailAddress";
constexpr std::array<std::string_view, 2> kTypeColumns{"RecipientTypeDetails", "RecipientType"};
constexpr std::string_view kHiddenColumn = "HiddenFromAddressListsEnabled";
constexpr std::array<std::string_view, 4> kIdColumns{"Guid", "ExternalDirectoryObjectId",
                                                     "Identity", "DistinguishedName"};
// WhenChanged is local time; WhenChangedUTC is the one to prefer.
constexpr std::array<std::string_view, 3> kChangedColumns{"WhenChangedUTC", "WhenChanged(UTC)",
                                                          "WhenChanged"};

class Columns {
 public:
  explicit Columns(const std::vector<std::string>& header) {
    for (const auto& h : header)
      names_.push_back(rules::ascii_lower(rules::ascii_trim(h)));
  }
  std::size_t size() const { return names_.size(); }

  std::optional<std::size_t> find(std::string_view name) const {
    const std::string want = rules::ascii_lower(name);
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == want) return i;
    return std::nullopt;
  }
  template <std::size_t N>
  bool any(const std::array<std::string_view, N>& names) const {
    for (auto n : names)
      if (find(n)) return true;
    return false;
  }

 private:
  std::vector<std::string> names_;
};

// One row's fields by column name; remembers the first used field that is not UTF-8.
class Row {
 public:
  Row(const Columns& columns, const CsvRecord& record) : columns_(columns), record_(record) {}

  std::string_view get(std::string_view column) {
    auto i = columns_.find(column);
    if (!i) return {};
    const std::string& value = record_.fields[*i];
    if (!rules::is_valid_utf8(value)) {
      if (bad_.empty()) bad_ = std::string(column);
      return {};
    }
    return rules::ascii_trim(value);
  }
  template <std::size_t N>
  std::string_view first_of(const std::array<std::string_view, N>& columns) {
    for (auto c : columns)
      if (auto v = get(c); !v.empty()) return v;
    return {};
  }
  const std::string& bad_column() const { return bad_; }

 private:
  const Columns& columns_;
  const CsvRecord& record_;
  std::string bad_;
};

// EmailAddresses as a ';', ',' or space separated list. X400 values contain ';' and spaces, X500
// values spaces: only SMTP values and bare addresses survive the split.
std::vector<std::string> proxy_list(std::string_view text) {
  std::vector<std::string> out;
  if (text.starts_with("Microsoft.Exchange.") || text.starts_with("System.")) return out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto stop = text.find_first_of("; ,\t\r\n", pos);
    std::string_view token = text.substr(pos, stop == text.npos ? stop : stop - pos);
    pos = stop == text.npos ? text.size() : stop + 1;
    if (files::istarts_with(token, "smtp:"))
      out.emplace_back(token);
    else if (token.find('@') != token.npos && token.find_first_of(":/=") == token.npos)
      out.push_back("smtp:" + std::string(token));
  }
  return out;
}

void map_row(const Columns& columns, const CsvRecord& record, const std::string& file,
             ParsedEntries& out) {
  Row row(columns, record);
  rules::Entry e;
  e.display_name = row.first_of(kNameColumns);
  e.primary = files::smtp_target(row.first_of(kPrimaryColumns));
  std::string proxy_primary = files::add_proxy_addresses(e, proxy_list(row.get(kProxyColumn)));
  if (e.primary.empty()) e.primary = std::move(proxy_primary);
  e.target = files::smtp_target(row.get(kTargetColumn));
  const std::string_view type = row.first_of(kTypeColumns);
  e.hidden = rules::ascii_iequals(row.get(kHiddenColumn), "True");
  e.id = row.first_of(kIdColumns);
  e.changed_at = files::date_to_iso(row.first_of(kChangedColumns));
  const std::string where = files::place(file, record.line);
  if (!row.bad_column().empty())
    return out.diagnostics.push_back(
        {where, row.bad_column() + " is not valid UTF-8; row skipped"});
  if (files::has_no_address(e))
    return out.diagnostics.push_back({where, "no mail address; row skipped"});
  e.kind = files::kind_from_recipient_type(type).value_or(rules::EntryKind::other);
  e.source = where;
  out.entries.push_back(std::move(e));
}

}  // namespace

ParsedEntries parse_recipient_csv(std::string_view text, const std::string& file_name) {
  std::string converted;
  text = files::as_utf8(text, converted);
  // Export-Csv without -NoTypeInformation starts with "#TYPE Selected.Microsoft...".
  std::size_t line = 1;
  while (text.starts_with('#')) {
    const auto nl = text.find('\n');
    text.remove_prefix(nl == text.npos ? text.size() : nl + 1);
    ++line;
  }

  files::CsvReader reader(text, files::detect_delimiter(text), line);
  CsvRecord header;
  if (!reader.next(header)) throw rules::InputError(files::place(file_name, line), "no header row");
  if (!header.error.empty())
    throw rules::InputError(files::place(file_name, header.line), "header row: " + header.error);
  const Columns columns(header.fields);
  std::string missing;
  if (!columns.any(kNameColumns)) missing = "a DisplayName column";
  if (!columns.any(kPrimaryColumns) && !columns.find(kProxyColumn) &&
      !columns.find(kTargetColumn)) {
    if (!missing.empty()) missing += " and ";
    missing +=
        "an address column (PrimarySmtpAddress, WindowsEmailAddress, EmailAddress, "
        "EmailAddresses or ExternalEmailAddress)";
  }
  if (!missing.empty())
    throw rules::InputError(files::place(file_name, header.line),
                            "not a recipient export: the header has no " + missing);

  ParsedEntries out;
  CsvRecord record;
  while (reader.next(record)) {
    const std::string where = files::place(file_name, record.line);
    if (!record.error.empty()) {
      out.diagnostics.push_back({where, record.error + "; row skipped"});
    } else if (record.fields.size() != columns.size()) {
      out.diagnostics.push_back({where, "row has " + std::to_string(record.fields.size()) +
                                            " fields, the header " +
                                            std::to_string(columns.size()) + "; row skipped"});
    } else {
      map_row(columns, record, file_name, out);
    }
  }
  return out;
}

}  // namespace galguard::directory
