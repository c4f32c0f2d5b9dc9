// A synthetic GAL of any size with the shape of a municipal one: people in departments,
// shared mailboxes, external contacts, a few poisoned entries.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "rules/model/entry.hpp"

namespace galguard::bench {

inline std::vector<rules::Entry> synthetic_entries(std::size_t count) {
  static const std::array<const char*, 40> first = {
      "Anna",  "Erik",   "Maria",  "Lars",    "Karin", "Anders", "Eva",   "Johan",
      "Sara",  "Per",    "Lena",   "Mikael",  "Emma",  "Nils",   "Ida",   "Olof",
      "Åsa",   "Björn",  "Linnéa", "Göran",   "Sofia", "Karl",   "Elin",  "Jonas",
      "Hanna", "Peter",  "Malin",  "Fredrik", "Julia", "Stefan", "Frida", "Magnus",
      "Moa",   "Henrik", "Tove",   "Ulf",     "Ebba",  "Mats",   "Alva",  "Jan"};
  static const std::array<const char*, 50> last = {
      "Andersson",  "Johansson", "Karlsson",    "Nilsson",    "Eriksson",   "Larsson",
      "Olsson",     "Persson",   "Svensson",    "Gustafsson", "Pettersson", "Jonsson",
      "Jansson",    "Hansson",   "Bengtsson",   "Jönsson",    "Lindberg",   "Jakobsson",
      "Magnusson",  "Olofsson",  "Lindström",   "Lindqvist",  "Lindgren",   "Axelsson",
      "Berg",       "Bergström", "Lundberg",    "Lind",       "Lundgren",   "Lundqvist",
      "Mattsson",   "Berglund",  "Fredriksson", "Sandberg",   "Henriksson", "Forsberg",
      "Sjöberg",    "Wallin",    "Engström",    "Eklund",     "Danielsson", "Håkansson",
      "Lundin",     "Björk",     "Bergman",     "Gunnarsson", "Holm",       "Wikström",
      "Samuelsson", "Fransson"};
  std::vector<rules::Entry> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    rules::Entry e;
    std::size_t unit = i / (first.size() * last.size());
    e.id = "id-" + std::to_string(i);
    e.display_name = std::string(last[(i / first.size()) % last.size()]) + ", " +
                     first[i % first.size()] + " (enhet " + std::to_string(unit) + ")";
    std::string local = "user" + std::to_string(i);
    e.primary = local + "@stockholm.se";
    e.proxies = {e.primary, local + "@edu.stockholm.se"};
    e.kind = rules::EntryKind::user;
    if (i % 50 == 7) {  // external contacts of the kind every GAL has
      e.kind = rules::EntryKind::contact;
      e.display_name = "Leverantör " + std::to_string(i);
      e.primary = "kontakt" + std::to_string(i) + "@leverantor" + std::to_string(i % 997) + ".se";
      e.proxies = {e.primary};
      e.target = e.primary;
    }
    if (i % 10007 == 3) {  // the poisoned kind: a function name in a student tenant
      e.kind = rules::EntryKind::contact;
      e.display_name = "Service Desk " + std::to_string(30000 + i % 9999);
      e.primary = "elev" + std::to_string(i) + "@elevstockholm.onmicrosoft.com";
      e.proxies = {e.primary};
    }
    out.push_back(std::move(e));
  }
  return out;
}

inline const char* kBenchPolicy = R"(
[organisation]
name = "Bench"
internal_domains = ["stockholm.se", "*.stockholm.se"]
untrusted_domains = ["*.onmicrosoft.com", "gmail.com", "hotmail.com"]
[[protected_name]]
pattern = "service ?desk*"
allow = ["servicedesk.stockholm@fujitsu.com", "*@stockholm.se"]
[[protected_name]]
pattern = "dataskyddsombud*"
allow = ["*@stockholm.se"]
[[protected_name]]
pattern = "re:^(it[- ]?(support|samordnare)|helpdesk|support)\\b.*"
allow = ["*@stockholm.se", "*@fujitsu.com"]
)";

}  // namespace galguard::bench
