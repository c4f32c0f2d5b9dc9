// Microsoft Graph exports (/users, /contacts, /groups responses saved to a file) → rules::Entry.
// Shapes: one page {"value":[...]}, an array of pages, or {"users": page|[pages], "contacts": ...,
// "groups": ...}. Places are JSON pointers: "export.json:/value/3".
#include <nlohmann/json.hpp>

#include <optional>

#include "directory/files/file_sources.hpp"
#include "directory/files/graph_item.hpp"
#include "directory/files/mapping.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::directory {
namespace {

using nlohmann::json;
using rules::EntryKind;

std::optional<EntryKind> kind_from_context(const json& page) {
  auto it = page.find("@odata.context");
  if (it == page.end() || !it->is_string()) return std::nullopt;
  const auto& context = it->get_ref<const std::string&>();
  const auto hash = context.find("$metadata#");
  if (hash == std::string::npos) return std::nullopt;
  return files::graph_kind_from_collection(std::string_view(context).substr(hash + 10));
}

class Reader {
 public:
  Reader(const std::string& file, ParsedEntries& out) : file_(file), out_(out) {}

  void root(const json& j) {
    if (j.is_object() && j.contains("value")) return page(j, "", std::nullopt);
    if (j.is_array()) return pages(j, "", std::nullopt);
    bool any = false;
    if (j.is_object()) {
      for (const char* key : {"users", "contacts", "orgContacts", "groups"}) {
        auto it = j.find(key);
        if (it == j.end()) continue;
        any = true;
        pages(*it, std::string("/") + key, files::graph_kind_from_collection(key));
      }
    }
    if (!any)
      diagnose("",
               "not a Graph export: expected {\"value\":[...]}, an array of such pages, or "
               "{\"users\":...,\"contacts\":...,\"groups\":...}");
  }

 private:
  void pages(const json& j, const std::string& pointer, std::optional<EntryKind> hint) {
    if (!j.is_array()) return page(j, pointer, hint);
    for (std::size_t i = 0; i < j.size(); ++i) {
      const std::string at = pointer + "/" + std::to_string(i);
      // An array of bare items (ConvertTo-Json of Get-MgUser) is read as one page.
      if (j[i].is_object() && !j[i].contains("value"))
        item(j[i], at, hint);
      else
        page(j[i], at, hint);
    }
  }

  void page(const json& j, const std::string& pointer, std::optional<EntryKind> hint) {
    if (!j.is_object()) return diagnose(pointer, "not a page object {\"value\":[...]}");
    if (!hint) hint = kind_from_context(j);
    auto value = j.find("value");
    if (value == j.end() || !value->is_array())
      return diagnose(pointer + "/value", "page without a \"value\" array");
    for (std::size_t i = 0; i < value->size(); ++i)
      item((*value)[i], pointer + "/value/" + std::to_string(i), hint);
  }

  void item(const json& j, const std::string& pointer, std::optional<EntryKind> hint) {
    files::GraphItem mapped = files::map_graph_item(j, hint);
    if (!mapped.error.empty()) return diagnose(pointer, std::move(mapped.error));
    if (!mapped.entry) return;
    mapped.entry->source = file_ + ":" + pointer;
    out_.entries.push_back(std::move(*mapped.entry));
  }

  void diagnose(const std::string& pointer, std::string why) {
    out_.diagnostics.push_back({pointer.empty() ? file_ : file_ + ":" + pointer, std::move(why)});
  }

  const std::string& file_;
  ParsedEntries& out_;
};

// Line and column (in characters, both from 1) of nlohmann's 1-based byte position.
std::string line_col(std::string_view text, std::size_t byte) {
  const std::size_t at = std::min(byte > 0 ? byte - 1 : 0, text.size());
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

// nlohmann's text without its "[json.exception...] parse error at line L, column C: " prefix and
// without the "; last read: '...'" echo of the input.
std::string syntax_error_reason(const json::parse_error& e) {
  std::string_view what = e.what();
  if (auto column = what.find(", column "); column != what.npos) {
    if (auto colon = what.find(": ", column); colon != what.npos) what.remove_prefix(colon + 2);
  }
  if (auto echo = what.find("; last read"); echo != what.npos) what = what.substr(0, echo);
  return "JSON syntax error: " + std::string(what);
}

}  // namespace

ParsedEntries parse_graph_json(std::string_view text, const std::string& file_name) {
  std::string converted;
  text = files::as_utf8(text, converted);
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw rules::InputError(file_name + ":" + line_col(text, e.byte), syntax_error_reason(e));
  }
  ParsedEntries out;
  Reader(file_name, out).root(root);
  return out;
}

}  // namespace galguard::directory
