#include "extract/wire.hpp"

#include <stdexcept>

namespace galguard::extract::wire {
namespace {

using nlohmann::json;

json attachment_json(const rules::MessageView& view, std::size_t index) {
  const rules::Attachment& a = view.attachments[index];
  json texts = json::array();
  for (const rules::TextBlock& block : view.texts)
    if (block.attachment == static_cast<int>(index)) texts.push_back(block.text);
  return {{"name", a.name}, {"type", a.type},   {"inspected", a.inspected},
          {"why", a.why},   {"depth", a.depth}, {"texts", std::move(texts)}};
}

void take_texts(const json& item, rules::MessageView& view, std::size_t index) {
  for (const json& text : item.at("texts"))
    view.texts.push_back({"attachment", text.get<std::string>(), static_cast<int>(index)});
}

}  // namespace

json limits_to_json(const Limits& limits) {
  return {{"max_text_bytes", limits.max_text_bytes},
          {"max_file_bytes", limits.max_file_bytes},
          {"max_depth", limits.max_depth},
          {"max_entries", limits.max_entries},
          {"max_ratio", limits.max_ratio},
          {"max_pdf_pages", limits.max_pdf_pages},
          {"child_memory_bytes", limits.child_memory_bytes},
          {"child_cpu_seconds", limits.child_cpu_time.count()},
          {"child_wall_seconds", limits.child_wall_time.count()}};
}

Limits limits_from_json(const json& json) {
  Limits limits;
  json.at("max_text_bytes").get_to(limits.max_text_bytes);
  json.at("max_file_bytes").get_to(limits.max_file_bytes);
  json.at("max_depth").get_to(limits.max_depth);
  json.at("max_entries").get_to(limits.max_entries);
  json.at("max_ratio").get_to(limits.max_ratio);
  json.at("max_pdf_pages").get_to(limits.max_pdf_pages);
  json.at("child_memory_bytes").get_to(limits.child_memory_bytes);
  limits.child_cpu_time = std::chrono::seconds(json.at("child_cpu_seconds").get<std::int64_t>());
  limits.child_wall_time = std::chrono::seconds(json.at("child_wall_seconds").get<std::int64_t>());
  return limits;
}

std::string request_header(const Limits& limits, const rules::MessageView& view,
                           const std::vector<std::size_t>& indices) {
  json files = json::array();
  for (const std::size_t i : indices) {
    const rules::Attachment& a = view.attachments[i];
    files.push_back({{"name", a.name},
                     {"content_type", a.content_type},
                     {"depth", a.depth},
                     {"size", a.content.size()}});
  }
  return json{{"limits", limits_to_json(limits)}, {"files", std::move(files)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

std::string reply_line(const rules::MessageView& view, std::size_t file, std::size_t index,
                       std::size_t first_inner) {
  json attachments = json::array();
  attachments.push_back(attachment_json(view, index));
  for (std::size_t i = first_inner; i < view.attachments.size(); ++i)
    attachments.push_back(attachment_json(view, i));
  return json{{"file", file}, {"attachments", std::move(attachments)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

std::size_t apply_reply(const std::string& line, rules::MessageView& view,
                        const std::vector<std::size_t>& indices) {
  const json reply = json::parse(line);
  const std::size_t file = reply.at("file").get<std::size_t>();
  const json& items = reply.at("attachments");
  if (file >= indices.size() || !items.is_array() || items.empty())
    throw std::runtime_error("reply for no such file");
  const std::size_t index = indices[file];
  for (std::size_t k = 0; k < items.size(); ++k) {
    const json& item = items[k];
    std::size_t target = index;
    if (k > 0) {
      view.attachments.emplace_back();
      target = view.attachments.size() - 1;
      item.at("name").get_to(view.attachments[target].name);
      item.at("depth").get_to(view.attachments[target].depth);
    }
    rules::Attachment& a = view.attachments[target];
    a.content.clear();
    item.at("type").get_to(a.type);
    item.at("inspected").get_to(a.inspected);
    item.at("why").get_to(a.why);
    take_texts(item, view, target);
  }
  return file;
}

}  // namespace galguard::extract::wire
