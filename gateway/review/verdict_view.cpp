#include "gateway/review/verdict_view.hpp"

#include <nlohmann/json.hpp>

namespace galguard::review {
namespace {

using nlohmann::json;

std::string text_of(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_null()) return {};
  return it->dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<std::string> list_of(const json& object, const char* key) {
  std::vector<std::string> out;
  const auto it = object.find(key);
  if (it == object.end()) return out;
  if (it->is_string()) {
    if (!it->get<std::string>().empty()) out.push_back(it->get<std::string>());
  } else if (it->is_array()) {
    for (const auto& item : *it)
      out.push_back(item.is_string() ? item.get<std::string>()
                                     : item.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return out;
}

}  // namespace

VerdictView read_verdict(const std::string& verdict_json) {
  VerdictView view;
  // Invalid UTF-8 in a stored verdict is replaced, not thrown on: the page must still render.
  const json j = json::parse(verdict_json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    view.readable = false;
    return view;
  }
  view.verdict = text_of(j, "verdict");
  if (view.verdict.empty()) view.verdict = text_of(j, "action");
  view.severity = text_of(j, "severity");
  if (const auto f = j.find("findings"); f != j.end() && f->is_array()) {
    for (const auto& item : *f) {
      if (!item.is_object()) continue;
      view.findings.push_back({text_of(item, "code"), text_of(item, "severity"),
                               text_of(item, "header"), text_of(item, "display_name"),
                               text_of(item, "address"), list_of(item, "expected"),
                               text_of(item, "explanation")});
    }
  }
  if (const auto pd = j.find("personal_data"); pd != j.end() && pd->is_object()) {
    view.places = list_of(*pd, "places");
    if (const auto a = pd->find("attachments"); a != pd->end() && a->is_array()) {
      for (const auto& item : *a) {
        if (!item.is_object()) continue;
        const auto inspected = item.find("inspected");
        view.attachments.push_back(
            {text_of(item, "name"), text_of(item, "type"),
             inspected != item.end() && inspected->is_boolean() && inspected->get<bool>(),
             text_of(item, "why"), text_of(item, "identity_numbers"), list_of(item, "categories")});
      }
    }
  }
  return view;
}

}  // namespace galguard::review
