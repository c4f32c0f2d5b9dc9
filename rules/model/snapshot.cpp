#include "rules/model/snapshot.hpp"

#include <algorithm>

#include "rules/text/normalize.hpp"

namespace galguard::rules {

template <typename KeysOf>
void Snapshot::Index::build(std::size_t entries, KeysOf keys_of) {
  // Two passes: count each key's entries, then place them, in directory order.
  for (EntryIndex i = 0; i < entries; ++i)
    keys_of(i, [&](std::string_view k) { ++runs_[k].count; });
  std::uint32_t next = 0;
  for (auto& [key, run] : runs_) {
    run.first = next;
    next += run.count;
    run.count = 0;
  }
  postings_.resize(next);
  for (EntryIndex i = 0; i < entries; ++i)
    keys_of(i, [&](std::string_view k) {
      Run& run = runs_.find(k)->second;
      postings_[run.first + run.count++] = i;
    });
}

std::span<const EntryIndex> Snapshot::Index::find(std::string_view key) const {
  auto it = runs_.find(key);
  if (it == runs_.end()) return {};
  return std::span(postings_).subspan(it->second.first, it->second.count);
}

Snapshot::Snapshot(std::vector<Entry> entries) : entries_(std::move(entries)) {
  derived_.reserve(entries_.size());
  for (const Entry& e : entries_) {
    Derived d;
    NameForms forms = name_forms(e.display_name);
    d.name_key = std::move(forms.key);
    d.skeleton_key = std::move(forms.skeleton_key);
    if (forms.cased_skeleton_key != d.skeleton_key)
      d.cased_skeleton_key = std::move(forms.cased_skeleton_key);
    auto add = [&d](std::string_view raw) {
      std::string a = normalize_address(raw);
      if (!a.empty() && std::find(d.addresses.begin(), d.addresses.end(), a) == d.addresses.end())
        d.addresses.push_back(std::move(a));
    };
    add(e.primary);
    for (const auto& p : e.proxies)
      add(p);
    add(e.target);
    derived_.push_back(std::move(d));
  }
  // derived_ is complete and never changes again: the indexes may point into it.
  const std::size_t n = entries_.size();
  by_name_.build(n, [this](EntryIndex i, auto add) {
    if (!derived_[i].name_key.empty()) add(derived_[i].name_key);
  });
  by_skeleton_.build(n, [this](EntryIndex i, auto add) {
    if (!derived_[i].skeleton_key.empty()) add(derived_[i].skeleton_key);
    if (!derived_[i].cased_skeleton_key.empty()) add(derived_[i].cased_skeleton_key);
  });
  by_address_.build(n, [this](EntryIndex i, auto add) {
    for (const auto& a : derived_[i].addresses)
      add(a);
  });
}

bool Snapshot::has_address(EntryIndex i, std::string_view normalized_address) const {
  const auto& a = derived_[i].addresses;
  return std::find(a.begin(), a.end(), normalized_address) != a.end();
}

std::shared_ptr<const TypoIndex> Snapshot::typo_index(
    const std::vector<std::string>& role_words, const std::function<TypoIndex()>& build) const {
  // Every lookup of a verdict comes here: the common case is one mutex and a pointer compare.
  std::lock_guard lock(typo_cache_->mutex);
  auto& built = typo_cache_->built;
  for (auto& b : built) {
    if (b.words_at == &role_words && b.words.size() == role_words.size() &&
        (role_words.empty() || b.words.front() == role_words.front()))
      return b.index;
  }
  for (auto& b : built) {
    if (b.words == role_words) {
      b.words_at = &role_words;
      return b.index;
    }
  }
  // Two policies in turn (a reload while messages of the old one are judged) keep both.
  constexpr std::size_t kKept = 4;
  if (built.size() >= kKept) built.erase(built.begin());
  built.push_back({&role_words, role_words, std::make_shared<const TypoIndex>(build())});
  return built.back().index;
}

std::span<const EntryIndex> Snapshot::by_name_key(std::string_view key) const {
  return by_name_.find(key);
}
std::span<const EntryIndex> Snapshot::by_skeleton_key(std::string_view key) const {
  return by_skeleton_.find(key);
}
std::span<const EntryIndex> Snapshot::by_address(std::string_view normalized_address) const {
  return by_address_.find(normalized_address);
}

}  // namespace galguard::rules
