// The Graph directory source: users, contacts and mail-enabled groups of one tenant, in full on
// every load, or (options.delta) in full once and then only what changed.
#include "directory/graph/graph_source.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <thread>

#include "directory/files/graph_item.hpp"
#include "directory/graph/graph_errors.hpp"
#include "directory/graph/graph_reader.hpp"
#include "directory/graph/graph_urls.hpp"
#include "directory/graph/http_client.hpp"
#include "directory/graph/token_cache.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory {
namespace {

using nlohmann::json;
using rules::EntryKind;

// One collection as a delta round left it: its entries and problems by object id, and the link
// that asks for what changed since.
struct CollectionState {
  std::map<std::string, rules::Entry> entries;
  std::map<std::string, Diagnostic> problems;
  std::string delta_link;
};

// What one delta round brought for a collection, applied only once every collection was read:
// a failed load leaves the previous state as it was.
struct PendingDelta {
  bool replace = false;  // a full round: `fresh` replaces the state
  CollectionState fresh;
  std::vector<std::pair<std::string, std::optional<rules::Entry>>> changes;
  std::vector<std::pair<std::string, Diagnostic>> problems;
  std::string delta_link;
};

class GraphSource final : public DirectorySource {
 public:
  GraphSource(std::string url, std::string tenant, GraphOptions options,
              std::function<void(const LoadProgress&)> on_progress)
      : place_(std::move(url)),
        options_(std::move(options)),
        http_(options_),
        tokens_(place_, std::move(tenant), options_, http_, &sleep,
                [] { return std::chrono::steady_clock::now(); }),
        reader_(place_, options_, http_, tokens_, &sleep, std::move(on_progress)) {}

  LoadResult load() override {
    reader_.reset_progress();
    return options_.delta ? load_delta() : load_full();
  }

  std::string describe() const override { return place_; }

 private:
  static void sleep(std::chrono::seconds wait) { std::this_thread::sleep_for(wait); }

  // The item mapped, with its source; nullopt when it is not in the GAL or skipped (then
  // `problem` says why).
  std::optional<rules::Entry> map(const json& item, EntryKind collection,
                                  std::optional<Diagnostic>& problem) const {
    const std::string where = place_ + "/" + std::string(graph::collection_name(collection));
    const std::string id = id_of(item);
    // Graph always sends ids; without one an entry could neither be named nor updated by delta.
    if (id.empty() && !(item.is_object() && item.contains("@removed"))) {
      problem = Diagnostic{where, "item without an \"id\"; skipped"};
      return std::nullopt;
    }
    files::GraphItem mapped = files::map_graph_item(item, collection);
    if (!mapped.error.empty()) {
      problem = Diagnostic{where + "/" + id, std::move(mapped.error)};
      return std::nullopt;
    }
    if (mapped.entry) mapped.entry->source = where + "/" + id;
    return std::move(mapped.entry);
  }

  static std::string id_of(const json& item) {
    if (!item.is_object()) return {};
    auto it = item.find("id");
    return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
  }

  LoadResult load_full() {
    std::vector<rules::Entry> entries;
    std::vector<Diagnostic> diagnostics;
    for (EntryKind collection : graph::kCollections) {
      reader_.read_all(graph::collection_url(options_, collection, false), [&](const json& item) {
        std::optional<Diagnostic> problem;
        if (auto entry = map(item, collection, problem)) entries.push_back(std::move(*entry));
        if (problem) diagnostics.push_back(std::move(*problem));
      });
    }
    return result(std::move(entries), std::move(diagnostics));
  }

  // Reads one delta round of `collection` from `url` into `pending`.
  void read_delta(EntryKind collection, const std::string& url, PendingDelta& pending) {
    pending.delta_link = reader_.read_all(url, [&](const json& item) {
      std::optional<Diagnostic> problem;
      std::optional<rules::Entry> entry = map(item, collection, problem);
      const std::string id = id_of(item);
      if (id.empty()) {
        if (problem) pending.problems.emplace_back("", std::move(*problem));
        return;
      }
      if (pending.replace) {
        pending.fresh.entries.erase(id);
        pending.fresh.problems.erase(id);
        if (entry) pending.fresh.entries.insert_or_assign(id, std::move(*entry));
        if (problem) pending.fresh.problems.insert_or_assign(id, std::move(*problem));
      } else {
        // Changed into something not in the GAL (no longer mail-enabled) counts as removed.
        pending.changes.emplace_back(id, std::move(entry));
        if (problem) pending.problems.emplace_back(id, std::move(*problem));
      }
    });
    if (pending.delta_link.empty())
      throw rules::InputError(place_, "GET " + graph::url_path(url) +
                                          ": the delta round ended without an @odata.deltaLink");
  }

  PendingDelta delta_of(EntryKind collection) {
    const CollectionState& state = states_[collection];
    if (!state.delta_link.empty()) {
      PendingDelta pending;
      try {
        read_delta(collection, state.delta_link, pending);
        return pending;
      } catch (const graph::GraphError& e) {
        // Delta tokens expire (about 7 days); the way back is a full round.
        if (!graph::is_resync_error(e.status(), e.code())) throw;
      }
    }
    PendingDelta pending;
    pending.replace = true;
    read_delta(collection, graph::collection_url(options_, collection, true), pending);
    return pending;
  }

  static void apply(CollectionState& state, PendingDelta&& pending) {
    if (pending.replace) {
      state = std::move(pending.fresh);
    } else {
      for (auto& [id, entry] : pending.changes) {
        state.problems.erase(id);
        if (entry)
          state.entries.insert_or_assign(id, std::move(*entry));
        else
          state.entries.erase(id);
      }
    }
    for (auto& [id, problem] : pending.problems) {
      if (id.empty()) continue;  // no id, nothing to keep it under
      state.problems.insert_or_assign(id, std::move(problem));
    }
    state.delta_link = std::move(pending.delta_link);
  }

  LoadResult load_delta() {
    std::map<EntryKind, PendingDelta> pending;
    for (EntryKind collection : graph::kCollections)
      pending.emplace(collection, delta_of(collection));
    std::vector<Diagnostic> unkept;
    for (auto& [collection, one] : pending) {
      for (const auto& [id, problem] : one.problems)
        if (id.empty()) unkept.push_back(problem);
      apply(states_[collection], std::move(one));
    }
    std::vector<rules::Entry> entries;
    std::vector<Diagnostic> diagnostics = std::move(unkept);
    for (EntryKind collection : graph::kCollections) {
      const CollectionState& state = states_[collection];
      for (const auto& [id, entry] : state.entries)
        entries.push_back(entry);
      for (const auto& [id, problem] : state.problems)
        diagnostics.push_back(problem);
    }
    return result(std::move(entries), std::move(diagnostics));
  }

  LoadResult result(std::vector<rules::Entry> entries, std::vector<Diagnostic> diagnostics) const {
    return snapshot_of({std::move(entries), std::move(diagnostics)}, place_);
  }

  std::string place_;
  GraphOptions options_;
  graph::HttpClient http_;
  graph::TokenCache tokens_;
  graph::GraphReader reader_;
  std::map<EntryKind, CollectionState> states_;
};

}  // namespace

std::unique_ptr<DirectorySource> open_graph_source(
    const std::string& url, const GraphOptions& options,
    std::function<void(const LoadProgress&)> on_progress) {
  std::string tenant = graph::tenant_of_url(url);
  if (options.client_id.empty())
    throw rules::InputError(url,
                            "no client_id: set [directory.graph] client_id to the application "
                            "(client) id of the app registered for galguard");
  return std::make_unique<GraphSource>(url, std::move(tenant), options, std::move(on_progress));
}

}  // namespace galguard::directory
