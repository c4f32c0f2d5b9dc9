// A generated AD-like directory as LDIF for the test slapd (schema: ad.schema): the reference
// entries of samples/gal.ldif plus `generated` objects of every kind a GAL holds (users, mail
// contacts, distribution groups, shared and room mailboxes, remote mailboxes) and objects that
// must stay out of it (hidden from address lists, not mail-enabled, the service account).
// Header-only; used by the integration tests and the load bench.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/text/base64.hpp"

namespace galguard::testing::ad {

inline constexpr std::string_view kSuffix = "DC=stockholm,DC=se";
inline constexpr std::string_view kServiceDn =
    "CN=galguard-svc,OU=Service Accounts,DC=stockholm,DC=se";
inline constexpr std::string_view kServicePassword = "Gal-guard 2026!";
// The objectGUID of "Service Desk 33900", canonical form and AD byte order.
inline constexpr std::string_view kRogueGuid = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

struct DirectoryCounts {
  std::size_t objects = 0;  // every entry written, OUs and the service account included
  std::size_t gal = 0;      // those the default GAL filter selects (and that have an address)
};

// Writes "name: value", base64 when LDIF's SAFE-STRING does not allow the value as it is.
inline void attribute(std::ostream& out, std::string_view name, std::string_view value) {
  bool safe = value.empty() || (value.front() != ' ' && value.front() != ':' &&
                                value.front() != '<' && value.back() != ' ');
  for (char c : value)
    safe = safe && c != '\n' && c != '\r' && c != '\0' && static_cast<unsigned char>(c) < 0x80;
  if (safe)
    out << name << ": " << value << '\n';
  else
    out << name << ":: " << rules::base64_encode(value) << '\n';
}

// AD byte order: the first three groups little-endian.
inline std::string guid_bytes(std::string_view canonical) {
  std::string hex;
  for (char c : canonical)
    if (c != '-') hex += c;
  std::string bytes;
  for (std::size_t i = 0; i < 32; i += 2)
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  for (auto [a, b] : {std::pair{0, 3}, {1, 2}, {4, 5}, {6, 7}})
    std::swap(bytes[a], bytes[b]);
  return bytes;
}

inline std::string numbered_guid(std::size_t i) {
  char text[40];
  std::snprintf(text, sizeof text, "%08zx-0000-4000-8000-%012zx", i, i * 7919);
  return text;
}

struct Recipient {
  std::string dn, cn, structural, display, mail, nickname, target;
  std::vector<std::string> proxies;
  std::string type_details, hidden, when_changed, guid, show_in;
};

inline void write_recipient(std::ostream& out, const Recipient& r) {
  out << "dn: " << r.dn << "\nobjectClass: top\n";
  if (r.structural != "group") out << "objectClass: person\nobjectClass: organizationalPerson\n";
  out << "objectClass: " << r.structural << "\nobjectClass: galguardExchangeRecipient\n";
  attribute(out, "cn", r.cn);
  if (r.structural != "group") attribute(out, "sn", r.cn);
  if (!r.display.empty()) attribute(out, "displayName", r.display);
  if (!r.mail.empty()) attribute(out, "mail", r.mail);
  if (!r.nickname.empty()) attribute(out, "mailNickname", r.nickname);
  if (!r.target.empty()) attribute(out, "targetAddress", r.target);
  for (const auto& p : r.proxies)
    attribute(out, "proxyAddresses", p);
  if (!r.show_in.empty()) attribute(out, "showInAddressBook", r.show_in);
  if (!r.type_details.empty()) attribute(out, "msExchRecipientTypeDetails", r.type_details);
  if (!r.hidden.empty()) attribute(out, "msExchHideFromAddressLists", r.hidden);
  if (!r.when_changed.empty()) attribute(out, "whenChanged", r.when_changed);
  if (!r.guid.empty()) attribute(out, "objectGUID", guid_bytes(r.guid));
  out << '\n';
}

// samples/gal.ldif in the test schema (mailNickname added: AD's GAL filter needs it).
inline void write_reference_entries(std::ostream& out, DirectoryCounts& counts) {
  const std::string suffix(kSuffix);
  const auto user = [&](std::string dn, std::string cn, std::string display, std::string mail,
                        std::string changed) {
    Recipient r;
    r.dn = dn + "," + suffix;
    r.cn = cn;
    r.structural = "user";
    r.display = display;
    r.mail = mail;
    r.nickname = mail.substr(0, mail.find('@'));
    r.proxies = {"SMTP:" + mail};
    r.when_changed = changed;
    return r;
  };
  Recipient anna = user("CN=Andersson\\, Anna,OU=Skarholmen,OU=Users", "Andersson, Anna",
                        "Andersson, Anna", "anna.andersson@stockholm.se", "20210110083000.0Z");
  anna.proxies.push_back("smtp:a.andersson@stockholm.se");
  anna.proxies.push_back(
      "X500:/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=anna.andersson");
  Recipient erik = user("CN=Johansson\\, Erik,OU=Skarholmen,OU=Users", "Johansson, Erik",
                        "Johansson, Erik", "erik.johansson@stockholm.se", "20200915120000.0Z");
  Recipient erik2 =
      user("CN=Johansson\\, Erik (Farsta),OU=Farsta,OU=Users", "Johansson, Erik (Farsta)",
           "Johansson, Erik", "erik.johansson2@stockholm.se", "20201002120000.0Z");
  Recipient dso =
      user("CN=Dataskyddsombud Skarholmen,OU=Shared", "Dataskyddsombud Skarholmen",
           "Dataskyddsombud Skärholmen", "dso.skarholmen@stockholm.se", "20190301100000.0Z");
  dso.type_details = "34359738368";
  Recipient it =
      user("CN=IT-samordnare Skarholmen,OU=Shared", "IT-samordnare Skarholmen",
           "IT-samordnare Skärholmen", "it.skarholmen@stockholm.se", "20190301100000.0Z");
  Recipient fujitsu =
      user("CN=Servicedesk Fujitsu,OU=Contacts", "Servicedesk Fujitsu", "Servicedesk Fujitsu",
           "servicedesk.stockholm@fujitsu.com", "20180505090000.0Z");
  fujitsu.structural = "contact";
  fujitsu.target = "SMTP:servicedesk.stockholm@fujitsu.com";
  Recipient payroll = user("CN=Hidden Payroll,OU=Shared", "Hidden Payroll", "Löner Skärholmen",
                           "loner.skarholmen@stockholm.se", "20200101000000.0Z");
  payroll.hidden = "TRUE";
  Recipient rogue =
      user("CN=Service Desk 33900,OU=Contacts", "Service Desk 33900", "Service Desk 33900",
           "m.exempel@elevstockholm.onmicrosoft.com", "20210322160500.0Z");
  rogue.structural = "contact";
  rogue.target = "SMTP:m.exempel@elevstockholm.onmicrosoft.com";
  rogue.guid = std::string(kRogueGuid);
  std::size_t n = 0;
  for (Recipient* r : {&anna, &erik, &erik2, &dso, &it, &fujitsu, &payroll, &rogue}) {
    if (r->guid.empty()) r->guid = numbered_guid(900000000 + n++);
    write_recipient(out, *r);
    ++counts.objects;
    if (r->hidden.empty()) ++counts.gal;
  }
}

// One generated object of each kind in turn (20 kinds a cycle).
inline void write_generated_entry(std::ostream& out, std::size_t i, DirectoryCounts& counts) {
  const std::string suffix(kSuffix);
  char number[16];
  std::snprintf(number, sizeof number, "%06zu", i);
  const std::string id = number;
  const std::size_t kind = i % 20;
  Recipient r;
  r.structural = "user";
  r.guid = numbered_guid(i);
  char changed[32];
  std::snprintf(changed, sizeof changed, "2024%02zu%02zu%02zu%02zu00.0Z", i % 12 + 1, i % 28 + 1,
                i % 24, i % 60);
  r.when_changed = changed;
  std::string ou = "OU=Users";
  std::string local = "user" + id;
  r.cn = "Användare " + id;
  r.type_details = "1";
  bool in_gal = true;
  if (kind == 12) {  // mail contact pointing outside
    ou = "OU=Contacts", r.structural = "contact", r.cn = "Extern kontakt " + id;
    r.type_details = "64";
    r.mail = "kontakt" + id + "@partner" + std::to_string(i % 50) + ".example";
    r.target = "SMTP:" + r.mail;
  } else if (kind == 13) {
    ou = "OU=Groups", r.structural = "group", r.cn = "Grupp " + id, local = "grupp" + id;
    r.type_details = "256";
  } else if (kind == 14) {
    ou = "OU=Shared", r.cn = "Funktionsbrevlåda " + id, local = "funktion" + id;
    r.type_details = "4";
  } else if (kind == 15) {
    ou = "OU=Rooms", r.cn = "Rum " + id, local = "rum" + id, r.type_details = "16";
  } else if (kind == 16) {
    r.hidden = "TRUE", in_gal = false;
  } else if (kind == 17) {
    r.type_details.clear(), in_gal = false;  // has mail but no mailbox: no mailNickname
  } else if (kind == 18) {
    r.type_details = "2147483648";
    r.target = "SMTP:" + local + "@stockholm.mail.onmicrosoft.com";
  } else if (kind == 19) {
    r.show_in = "CN=Default Global Address List,CN=All Global Address Lists," + suffix;
  } else if (kind == 11) {
    r.hidden = "FALSE";
  }
  r.dn = "CN=" + r.cn + "," + ou + "," + suffix;
  r.display = r.cn;
  if (r.mail.empty()) r.mail = local + "@stockholm.se";
  if (kind != 17) r.nickname = local;
  r.proxies = {"SMTP:" + r.mail};
  if (kind < 12) r.proxies.push_back("smtp:" + local + "@skarholmen.stockholm.se");
  if (kind == 0) r.proxies.push_back("X500:/o=ExchangeLabs/cn=Recipients/cn=" + local);
  write_recipient(out, r);
  ++counts.objects;
  if (in_gal) ++counts.gal;
}

inline DirectoryCounts write_directory_ldif(const std::string& path, std::size_t generated) {
  std::ofstream out(path, std::ios::binary);
  DirectoryCounts counts;
  const std::string suffix(kSuffix);
  out << "dn: " << suffix << "\nobjectClass: top\nobjectClass: domain\ndc: stockholm\n\n";
  ++counts.objects;
  for (const char* ou : {"Users", "Contacts", "Groups", "Shared", "Rooms", "Service Accounts"}) {
    out << "dn: OU=" << ou << "," << suffix << "\nobjectClass: top\n"
        << "objectClass: organizationalUnit\nou: " << ou << "\n\n";
    ++counts.objects;
  }
  for (const char* ou : {"Skarholmen", "Farsta"}) {
    out << "dn: OU=" << ou << ",OU=Users," << suffix << "\nobjectClass: top\n"
        << "objectClass: organizationalUnit\nou: " << ou << "\n\n";
    ++counts.objects;
  }
  out << "dn: " << kServiceDn << "\nobjectClass: top\nobjectClass: person\n"
      << "objectClass: organizationalPerson\nobjectClass: user\ncn: galguard-svc\nsn: svc\n";
  attribute(out, "userPassword", kServicePassword);
  out << '\n';
  ++counts.objects;
  write_reference_entries(out, counts);
  for (std::size_t i = 0; i < generated; ++i)
    write_generated_entry(out, i, counts);
  return counts;
}

}  // namespace galguard::testing::ad
