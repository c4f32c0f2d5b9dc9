#include "gateway/review/audit_view.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace galguard::review {
namespace fs = std::filesystem;
namespace {

using nlohmann::json;

std::string string_at(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

std::optional<AuditView> newest_audit(const std::string& directory) {
  std::error_code error;
  std::optional<fs::path> newest;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with("audit-") || !name.ends_with(".json")) continue;
    if (!it->is_regular_file(error)) continue;
    if (!newest || name > newest->filename().string()) newest = it->path();
  }
  if (!newest) return std::nullopt;

  std::ifstream in(*newest, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const json report = json::parse(text.str(), nullptr, false);
  const std::string name = newest->filename().string();
  if (!in || report.is_discarded() || !report.is_object() || !report.contains("findings") ||
      !report["findings"].is_array())
    throw std::runtime_error(name + " is not a galguard audit report");

  AuditView view;
  view.file = name;
  if (const auto it = report.find("entries"); it != report.end() && it->is_number_unsigned())
    view.entries = it->get<std::size_t>();
  for (const auto& f : report["findings"]) {
    if (!f.is_object()) continue;
    const json entry = f.value("entry", json::object());
    view.findings.push_back({string_at(f, "code"), string_at(f, "severity"),
                             entry.is_object() ? string_at(entry, "display_name") : "",
                             entry.is_object() ? string_at(entry, "address") : "",
                             string_at(f, "explanation"), string_at(f, "drift"),
                             f.dump(-1, ' ', false, json::error_handler_t::replace)});
  }
  return view;
}

}  // namespace galguard::review
