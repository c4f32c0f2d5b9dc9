#include "directory/files/ldif_reader.hpp"
#include "rules/text/ascii.hpp"

#include <array>

#include "directory/files/mapping.hpp"

namespace galguard::directory::files {
namespace {

bool is_type_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

// The state of one record while its logical lines (folding already undone) come in.
class RecordBuilder {
 public:
  RecordBuilder(std::string_view file, const std::function<void(LdifRecord&)>& on_record,
                std::vector<Diagnostic>& diagnostics)
      : file_(file), on_record_(on_record), diagnostics_(diagnostics) {}

  void line(std::string_view text, std::size_t line_no) {
    if (skipping_) return;
    const auto colon = text.find(':');
    if (colon == std::string_view::npos)
      return fail(line_no, "broken line: no ':' after the attribute name");
    const std::string_view description = text.substr(0, colon);
    const std::string_view type = description.substr(0, description.find(';'));
    if (type.empty()) return fail(line_no, "broken line: empty attribute name");
    for (char c : type)
      if (!is_type_char(c)) return fail(line_no, "broken line: bad attribute name");
    LdifValue v{rules::ascii_lower(type), {}, line_no};

    std::string_view rest = text.substr(colon + 1);
    if (rest.starts_with(':')) {
      if (!decode_base64(rules::ascii_trim(rest.substr(1)), v.value))
        return fail(line_no, "broken line: bad base64 value of " + std::string(type));
    } else if (rest.starts_with('<')) {
      if (v.name == "dn") return fail(line_no, "broken line: a dn cannot come from a URL");
      diagnostics_.push_back(
          {place(file_, line_no),
           "value of " + std::string(type) + " given by URL is not read; value skipped"});
      return;
    } else {
      const auto start = rest.find_first_not_of(' ');
      v.value = start == std::string_view::npos ? std::string() : std::string(rest.substr(start));
    }
    add(std::move(v));
  }

  // A line starting with a space where no line was open: the folding is broken.
  void orphan_continuation(std::size_t line_no) {
    if (!skipping_) fail(line_no, "broken line: continuation line with nothing to continue");
  }

  void end() {
    if (!skipping_ && !record_.dn.empty()) on_record_(record_);
    record_ = {};
    skipping_ = false;
    started_ = false;
  }

 private:
  void add(LdifValue v) {
    if (!started_) {
      started_ = true;
      if (v.name == "version" && !seen_content_) {  // "version: 1" header, possibly unseparated
        seen_content_ = true;
        started_ = false;
        return;
      }
      seen_content_ = true;
      if (v.name == "dn") {
        record_.dn = std::move(v.value);
        record_.dn_line = v.line;
        return;
      }
      // ldapsearch ends with a "search: N / result: 0 Success" block: not an entry, not a fault.
      if (v.name == "search" || v.name == "result") {
        skipping_ = true;
        return;
      }
      return fail(v.line, "record does not start with dn:");
    }
    if (v.name == "dn") {  // a missing blank line between two records
      end();
      return add(std::move(v));
    }
    if (v.name == "changetype" || v.name == "control")
      return fail(v.line,
                  "change record (" + v.name + ": " + v.value + ") is not a directory entry");
    record_.values.push_back(std::move(v));
  }

  void fail(std::size_t line_no, std::string why) {
    diagnostics_.push_back({place(file_, line_no), std::move(why) + "; record skipped"});
    started_ = true;
    seen_content_ = true;
    skipping_ = true;
  }

  std::string_view file_;
  const std::function<void(LdifRecord&)>& on_record_;
  std::vector<Diagnostic>& diagnostics_;
  LdifRecord record_;
  bool started_ = false;       // a line of this record was seen
  bool skipping_ = false;      // reported or ignorable: drop lines until the blank line
  bool seen_content_ = false;  // anything but comments seen in the file
};

}  // namespace

bool decode_base64(std::string_view in, std::string& out) {
  static constexpr auto table = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < alphabet.size(); ++i)
      t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return t;
  }();
  out.clear();
  std::size_t padding = 0;
  while (padding < 2 && padding < in.size() && in[in.size() - 1 - padding] == '=')
    ++padding;
  if (padding > 0 && in.size() % 4 != 0) return false;
  in.remove_suffix(padding);
  if (in.size() % 4 == 1) return false;
  out.reserve(in.size() / 4 * 3 + 2);
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    const int v = table[static_cast<unsigned char>(c)];
    if (v < 0) return false;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    if (++count == 4) {
      out += static_cast<char>(bits >> 16);
      out += static_cast<char>((bits >> 8) & 0xFF);
      out += static_cast<char>(bits & 0xFF);
      bits = 0;
      count = 0;
    }
  }
  if (count == 2) out += static_cast<char>(bits >> 4);
  if (count == 3) {
    out += static_cast<char>(bits >> 10);
    out += static_cast<char>((bits >> 2) & 0xFF);
  }
  return true;
}

void read_ldif(std::string_view text, std::string_view file_name,
               const std::function<void(LdifRecord&)>& on_record,
               std::vector<Diagnostic>& diagnostics) {
  RecordBuilder record(file_name, on_record, diagnostics);
  std::string logical;  // the open logical line (folded lines joined)
  std::size_t logical_line = 0;
  bool open = false;  // a logical line is open
  bool open_is_comment = false;

  auto flush = [&] {
    if (open && !open_is_comment) record.line(logical, logical_line);
    open = false;
    logical.clear();
  };

  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view physical = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (physical.ends_with('\r')) physical.remove_suffix(1);

    if (physical.starts_with(' ')) {
      if (open) {
        if (!open_is_comment) logical.append(physical.substr(1));
      } else if (!rules::ascii_trim(physical).empty()) {
        record.orphan_continuation(line_no);
      }
      continue;  // a blank-looking line of spaces between records is not a separator error
    }
    flush();
    if (physical.empty()) {
      record.end();
      continue;
    }
    open = true;
    open_is_comment = physical.starts_with('#');
    logical_line = line_no;
    if (!open_is_comment) logical.assign(physical);
  }
  flush();
  record.end();
}

}  // namespace galguard::directory::files
