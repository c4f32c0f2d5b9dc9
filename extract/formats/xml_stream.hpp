// A streaming XML parser (expat) for the parts of Office and OpenDocument files: elements and
// text arrive as callbacks, nothing of the document is kept. Names arrive with their namespace
// URI resolved, so a reader matches "what" and not the prefix a producer happened to choose.
#pragma once

#include <optional>
#include <string_view>

namespace galguard::extract::detail {

struct XmlName {
  std::string_view ns;  // namespace URI, "" when none
  std::string_view local;

  bool is(std::string_view name) const { return local == name; }
};

// The attributes of one start tag, as expat passes them (name, value, ..., nullptr).
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}
  // The value of the attribute with this local name, whatever its namespace.
  std::optional<std::string_view> get(std::string_view local) const;
  std::optional<std::string_view> get(std::string_view ns, std::string_view local) const;

 private:
  const char** pairs_;
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(const XmlName& name, const XmlAttributes& attributes) = 0;
  virtual void end(const XmlName& name) = 0;
  // Character data, in pieces that may split anywhere between characters.
  virtual void text(std::string_view text) = 0;
};

// Parses one part. Throws NotInspected("damaged: <expat's error> at line N") for malformed XML,
// NotInspected("damaged: DOCTYPE in Office XML") for any document type declaration (neither
// OOXML nor ODF uses one, and entity declarations are how XML bombs are built), and rethrows
// whatever the handler threw (a full TextSink's LimitReached) after stopping the parser.
// Of a markup-compatibility mc:AlternateContent only the first alternative reaches the handler.
void parse_xml(std::string_view bytes, XmlHandler& handler);

}  // namespace galguard::extract::detail
