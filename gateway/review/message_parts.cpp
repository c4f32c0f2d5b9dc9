#include "gateway/review/message_parts.hpp"

#include <algorithm>
#include <cctype>

#include "rules/message/message_view.hpp"

namespace galguard::review {
namespace {

// Where the body starts and the header block ends (its length).
std::pair<std::size_t, std::size_t> split(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i == 0 || raw[i - 1] == '\n') {
      if (raw.substr(i, 2) == "\r\n") return {i, i + 2};
      if (raw[i] == '\n') return {i, i + 1};
    }
  }
  return {raw.size(), raw.size()};
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<HeaderField> header_fields(std::string_view raw, std::size_t max_fields) {
  const std::string_view block = raw.substr(0, split(raw).first);
  std::vector<HeaderField> fields;
  std::size_t pos = 0;
  while (pos < block.size()) {
    std::size_t end = block.find('\n', pos);
    if (end == std::string_view::npos) end = block.size();
    const std::string_view line = block.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      // A folded continuation joins the field before it with one space (RFC 5322 §2.2.3).
      if (!fields.empty()) {
        fields.back().value += ' ';
        fields.back().value += trim(line);
      }
      continue;
    }
    if (fields.size() == max_fields) break;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // not a field: skipped, as a reader would
    fields.push_back(
        {std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
  }
  // Decoded once unfolded: an encoded word may span a fold.
  for (HeaderField& field : fields)
    field.value = rules::decode_header_text(field.value);
  return fields;
}

std::string header_value(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const auto& field : fields)
    if (iequals(field.name, name)) return field.value;
  return {};
}

std::string_view message_body(std::string_view raw) {
  return raw.substr(split(raw).second);
}

}  // namespace galguard::review
