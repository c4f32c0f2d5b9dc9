#include "rules/model/snapshot.hpp"

#include <algorithm>

#include "rules/text/normalize.hpp"

namespace galguard::rules {

Snapshot::Snapshot(std::vector<Entry> entries) : entries_(std::move(entries)) {
  derived_.reserve(entries_.size());
  by_name_.reserve(entries_.size());
  by_skeleton_.reserve(entries_.size());
  by_address_.reserve(entries_.size() * 2);
  for (EntryIndex i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    Derived d;
    NameForms forms = name_forms(e.display_name);
    d.name_key = std::move(forms.key);
    d.skeleton_key = std::move(forms.skeleton_key);
    auto add = [&d](std::string_view raw) {
      std::string a = normalize_address(raw);
      if (!a.empty() && std::find(d.addresses.begin(), d.addresses.end(), a) == d.addresses.end())
        d.addresses.push_back(std::move(a));
    };
    add(e.primary);
    for (const auto& p : e.proxies)
      add(p);
    add(e.target);
    if (!d.name_key.empty()) by_name_[d.name_key].push_back(i);
    if (!d.skeleton_key.empty()) by_skeleton_[d.skeleton_key].push_back(i);
    for (const auto& a : d.addresses)
      by_address_[a].push_back(i);
    derived_.push_back(std::move(d));
  }
}

bool Snapshot::has_address(EntryIndex i, std::string_view normalized_address) const {
  const auto& a = derived_[i].addresses;
  return std::find(a.begin(), a.end(), normalized_address) != a.end();
}

std::span<const EntryIndex> Snapshot::find(const Index& index, std::string_view key) {
  auto it = index.find(key);
  if (it == index.end()) return {};
  return it->second;
}

std::span<const EntryIndex> Snapshot::by_name_key(std::string_view key) const {
  return find(by_name_, key);
}
std::span<const EntryIndex> Snapshot::by_skeleton_key(std::string_view key) const {
  return find(by_skeleton_, key);
}
std::span<const EntryIndex> Snapshot::by_address(std::string_view normalized_address) const {
  return find(by_address_, normalized_address);
}

}  // namespace galguard::rules
