#include "directory/files/mapping.hpp"

#include "rules/text/ascii.hpp"

#include <array>
#include <unordered_set>

namespace galguard::directory::files {

bool istarts_with(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  return rules::ascii_iequals(s.substr(0, prefix.size()), prefix);
}

std::string place(std::string_view file, std::size_t line) {
  return std::string(file) + ":" + std::to_string(line);
}

std::string add_proxy_addresses(rules::Entry& entry, const std::vector<std::string>& values) {
  std::string primary;
  int primaries = 0;
  // Exchange treats addresses case-insensitively: "A@x" and "a@x" are one proxy.
  std::unordered_set<std::string> seen;
  for (const auto& have : entry.proxies)
    seen.insert(rules::ascii_lower(have));
  for (const auto& raw : values) {
    std::string_view value = rules::ascii_trim(raw);
    if (!istarts_with(value, "smtp:")) continue;
    std::string_view address = rules::ascii_trim(value.substr(5));
    if (address.empty()) continue;
    if (value.starts_with("SMTP:") && ++primaries == 1) primary = address;
    if (seen.insert(rules::ascii_lower(address)).second) entry.proxies.emplace_back(address);
  }
  return primaries == 1 ? primary : std::string();
}

std::string smtp_target(std::string_view value) {
  value = rules::ascii_trim(value);
  if (istarts_with(value, "smtp:")) return std::string(rules::ascii_trim(value.substr(5)));
  // A bare address (no "type:" in front of the '@') is an SMTP address too.
  const auto at = value.find('@');
  if (at != std::string_view::npos && value.substr(0, at).find(':') == std::string_view::npos)
    return std::string(value);
  return {};
}

std::optional<rules::EntryKind> kind_from_type_details(std::uint64_t value) {
  using K = rules::EntryKind;
  switch (value) {
    case 1:           // UserMailbox
    case 2:           // LinkedMailbox
    case 128:         // MailUser
    case 2147483648:  // RemoteUserMailbox
      return K::user;
    case 4:            // SharedMailbox
    case 34359738368:  // RemoteSharedMailbox
      return K::shared;
    case 16:           // RoomMailbox
    case 32:           // EquipmentMailbox
    case 8589934592:   // RemoteRoomMailbox
    case 17179869184:  // RemoteEquipmentMailbox
      return K::room;
    case 64:  // MailContact
      return K::contact;
    case 256:   // MailUniversalDistributionGroup
    case 512:   // MailNonUniversalGroup
    case 1024:  // MailUniversalSecurityGroup
    case 2048:  // DynamicDistributionGroup
      return K::group;
    case 4096:  // PublicFolder
      return K::other;
    default:
      return std::nullopt;
  }
}

std::optional<rules::EntryKind> kind_from_recipient_type(std::string_view name) {
  using K = rules::EntryKind;
  struct Row {
    std::string_view name;
    K kind;
  };
  static constexpr std::array<Row, 24> table{{
      {"UserMailbox", K::user},
      {"LinkedMailbox", K::user},
      {"LegacyMailbox", K::user},
      {"MailUser", K::user},
      {"GuestMailUser", K::user},
      {"RemoteUserMailbox", K::user},
      {"User", K::user},
      {"SharedMailbox", K::shared},
      {"RemoteSharedMailbox", K::shared},
      {"TeamMailbox", K::shared},
      {"RoomMailbox", K::room},
      {"EquipmentMailbox", K::room},
      {"RemoteRoomMailbox", K::room},
      {"RemoteEquipmentMailbox", K::room},
      {"MailContact", K::contact},
      {"Contact", K::contact},
      {"MailUniversalDistributionGroup", K::group},
      {"MailUniversalSecurityGroup", K::group},
      {"MailNonUniversalGroup", K::group},
      {"DynamicDistributionGroup", K::group},
      {"GroupMailbox", K::group},
      {"RoomList", K::group},
      {"PublicFolder", K::other},
      {"DiscoveryMailbox", K::other},
  }};
  name = rules::ascii_trim(name);
  for (const auto& row : table)
    if (rules::ascii_iequals(row.name, name)) return row.kind;
  return std::nullopt;
}

std::string guid_from_ad_bytes(std::string_view bytes) {
  if (bytes.size() != 16) return {};
  // Data1 (4 bytes), Data2 and Data3 (2 each) are little-endian; Data4 is a byte string.
  static constexpr std::array<int, 16> order{3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
  constexpr std::string_view hex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    const auto b = static_cast<unsigned char>(bytes[static_cast<std::size_t>(order[i])]);
    out += hex[b >> 4];
    out += hex[b & 0xF];
  }
  return out;
}

std::string tenant_of_address(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  std::string domain = rules::ascii_lower(rules::ascii_trim(address.substr(at + 1)));
  constexpr std::string_view suffix = ".onmicrosoft.com";
  if (domain.size() > suffix.size() && domain.ends_with(suffix)) {
    // "tenant.mail.onmicrosoft.com" (hybrid routing domain) belongs to "tenant.onmicrosoft.com".
    const auto dot = domain.find('.');
    domain = domain.substr(0, dot) + std::string(suffix);
  }
  return domain;
}

bool has_no_address(const rules::Entry& entry) {
  return rules::ascii_trim(entry.primary).empty() && entry.proxies.empty() &&
         rules::ascii_trim(entry.target).empty();
}

}  // namespace galguard::directory::files
