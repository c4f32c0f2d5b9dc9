// The immutable, indexed directory the checks judge against. Built once per load; lookups are
// hash lookups. The gateway shares it as std::shared_ptr<const Snapshot> and swaps it whole.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/model/entry.hpp"
#include "rules/model/typo_index.hpp"

namespace galguard::rules {

using EntryIndex = std::uint32_t;

class Snapshot {
 public:
  Snapshot() = default;
  explicit Snapshot(std::vector<Entry> entries);
  // The indexes point into the snapshot's own keys: moving keeps them valid, copying would not.
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  Snapshot(Snapshot&&) noexcept = default;
  Snapshot& operator=(Snapshot&&) noexcept = default;

  const std::vector<Entry>& entries() const { return entries_; }
  std::size_t size() const { return entries_.size(); }
  const Entry& entry(EntryIndex i) const { return entries_[i]; }

  // Keys as made by rules/text/normalize.hpp.
  const std::string& name_key(EntryIndex i) const { return derived_[i].name_key; }
  const std::string& skeleton_key(EntryIndex i) const { return derived_[i].skeleton_key; }
  // Every address of the entry (primary, proxies, target), normalised and without duplicates.
  const std::vector<std::string>& addresses(EntryIndex i) const { return derived_[i].addresses; }
  bool has_address(EntryIndex i, std::string_view normalized_address) const;

  // Entries whose name_key / skeleton_key (or cased skeleton key) / any address equals the
  // given (already normalised) key.
  std::span<const EntryIndex> by_name_key(std::string_view key) const;
  std::span<const EntryIndex> by_skeleton_key(std::string_view key) const;
  std::span<const EntryIndex> by_address(std::string_view normalized_address) const;

  // Every skeleton bucket, for the auditor's look-alike search (no pairwise scan). An entry
  // is in the bucket of its skeleton key and, when it differs, of its cased skeleton key
  // (rules/text/normalize.hpp: "IT-samordnare" also under "lT sarnordnare"). A bucket of
  // cased keys whose entries all share one folded skeleton would repeat that bucket: skipped.
  template <typename F>
  void for_each_skeleton_bucket(F&& f) const {
    by_skeleton_.for_each([&](std::string_view key, std::span<const EntryIndex> ids) {
      const std::string& first = derived_[ids.front()].skeleton_key;
      for (EntryIndex i : ids)
        if (derived_[i].skeleton_key == key || derived_[i].skeleton_key != first)
          return f(key, ids);
    });
  }
  template <typename F>
  void for_each_name_bucket(F&& f) const {
    by_name_.for_each(f);
  }

  // The typo index of the entries a policy takes for functions (rules/checks/function_typos.hpp
  // builds it). Which entries those are depends on the policy's role words, which the snapshot
  // does not know and which may be reloaded without the directory: the index is built on first
  // use for a list of role words (the gateway's audit after a load does that) and kept with the
  // snapshot for the next lookups, the last few lists of words at most.
  std::shared_ptr<const TypoIndex> typo_index(const std::vector<std::string>& role_words,
                                              const std::function<TypoIndex()>& build) const;

 private:
  struct Derived {
    std::string name_key;
    std::string skeleton_key;
    std::string cased_skeleton_key;  // "" when it equals skeleton_key
    std::vector<std::string> addresses;
  };
  // Key → entries, as one array of entry numbers with each key's run in it: no allocation per
  // key, and the keys are views of the strings in derived_ (a million entries fit in memory).
  class Index {
   public:
    // keys_of(i, add) calls add(key) for each key of entry i.
    template <typename KeysOf>
    void build(std::size_t entries, KeysOf keys_of);
    std::span<const EntryIndex> find(std::string_view key) const;
    template <typename F>
    void for_each(F&& f) const {
      for (const auto& [key, run] : runs_)
        f(key, std::span(postings_).subspan(run.first, run.count));
    }

   private:
    struct Run {
      std::uint32_t first = 0;
      std::uint32_t count = 0;
    };
    std::unordered_map<std::string_view, Run> runs_;
    std::vector<EntryIndex> postings_;
  };

  struct TypoCache {
    struct Built {
      const std::vector<std::string>* words_at;  // where the words were last seen, a shortcut
      std::vector<std::string> words;
      std::shared_ptr<const TypoIndex> index;
    };
    std::mutex mutex;
    std::vector<Built> built;
  };

  std::vector<Entry> entries_;
  std::vector<Derived> derived_;
  Index by_name_;
  Index by_skeleton_;
  Index by_address_;
  std::unique_ptr<TypoCache> typo_cache_ = std::make_unique<TypoCache>();
};

}  // namespace galguard::rules
