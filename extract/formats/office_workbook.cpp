#include "extract/formats/office_workbook.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "extract/extract_error.hpp"
#include "extract/formats/xml_stream.hpp"

namespace galguard::extract::detail {
namespace {

class SharedStringsLoader : public XmlHandler {
 public:
  SharedStringsLoader(std::string& text, std::vector<std::uint32_t>& ends)
      : text_(text), ends_(ends) {}

  void start(const XmlName& name, const XmlAttributes&) override {
    if (name.is("si")) {
      in_item_ = true;
    } else if (name.is("rPh")) {
      ++in_phonetic_;
    } else if (name.is("t") && in_item_ && in_phonetic_ == 0) {
      in_text_ = true;
    }
  }

  void end(const XmlName& name) override {
    if (name.is("si")) {
      in_item_ = false;
      ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    } else if (name.is("rPh") && in_phonetic_ > 0) {
      --in_phonetic_;
    } else if (name.is("t")) {
      in_text_ = false;
    }
  }

  void text(std::string_view text) override {
    if (!in_text_) return;
    if (text.size() > std::numeric_limits<std::uint32_t>::max() - text_.size())
      throw LimitReached("file size");
    text_.append(text);
  }

 private:
  std::string& text_;
  std::vector<std::uint32_t>& ends_;
  bool in_item_ = false;
  bool in_text_ = false;
  int in_phonetic_ = 0;
};

// The r:id of each sheet in xl/workbook.xml, in order.
class SheetIds : public XmlHandler {
 public:
  void start(const XmlName& name, const XmlAttributes& attributes) override {
    if (!name.is("sheet")) return;
    if (const auto id = attributes.get("id")) ids.emplace_back(*id);
  }
  void end(const XmlName&) override {}
  void text(std::string_view) override {}

  std::vector<std::string> ids;
};

class Relationships : public XmlHandler {
 public:
  void start(const XmlName& name, const XmlAttributes& attributes) override {
    if (!name.is("Relationship")) return;
    if (attributes.get("TargetMode") == "External") return;
    const auto id = attributes.get("Id");
    const auto target = attributes.get("Target");
    if (id && target) targets.emplace(*id, *target);
  }
  void end(const XmlName&) override {}
  void text(std::string_view) override {}

  std::map<std::string, std::string, std::less<>> targets;
};

// A relationship target is relative to the folder of the part that names it ("xl/"), or
// absolute within the package when it starts with '/'.
std::string resolve(std::string_view folder, std::string_view target) {
  std::string path = target.starts_with('/') ? std::string(target.substr(1))
                                             : std::string(folder) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest = path;
  while (!rest.empty()) {
    const std::size_t slash = std::min(rest.find('/'), rest.size());
    const std::string_view segment = rest.substr(0, slash);
    rest.remove_prefix(std::min(slash + 1, rest.size()));
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string resolved;
  for (const std::string_view segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved += segment;
  }
  return resolved;
}

}  // namespace

void SharedStrings::load(std::string_view xml) {
  SharedStringsLoader loader(text_, ends_);
  parse_xml(xml, loader);
}

std::string_view SharedStrings::at(std::size_t index) const {
  if (index >= ends_.size()) return {};
  const std::size_t begin = index == 0 ? 0 : ends_[index - 1];
  return std::string_view(text_).substr(begin, ends_[index] - begin);
}

std::vector<std::string> worksheet_parts(Package& package, std::string_view workbook) {
  SheetIds sheets;
  parse_xml(workbook, sheets);
  Relationships relationships;
  if (const auto rels = package.read("xl/_rels/workbook.xml.rels")) parse_xml(*rels, relationships);

  std::vector<std::string> parts;
  std::set<std::string, std::less<>> seen;
  for (const std::string& id : sheets.ids) {
    const auto target = relationships.targets.find(id);
    if (target == relationships.targets.end()) continue;
    std::string part = resolve("xl/", target->second);
    // A workbook naming one sheet many times must not have it read many times.
    if (package.has(part) && seen.insert(part).second) parts.push_back(std::move(part));
  }
  if (parts.empty()) parts = package.numbered("xl/worksheets/sheet", ".xml");
  return parts;
}

}  // namespace galguard::extract::detail
