#include "extract/formats/xml_stream.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <new>
#include <vector>

#include "extract/extract_error.hpp"

namespace galguard::extract::detail {
namespace {

// Between namespace URI and local name in the names expat passes. A local name has no space,
// so the last one splits even a hostile URI correctly.
constexpr char kSeparator = ' ';

constexpr std::string_view kMarkupCompatibility =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

// XML_Parse copies what it is given into its own buffer: feeding a part in chunks keeps that
// copy small instead of doubling a part of tens of megabytes.
constexpr std::size_t kChunk = 256 * 1024;

XmlName split(const char* raw) {
  const std::string_view name(raw);
  const std::size_t cut = name.rfind(kSeparator);
  if (cut == std::string_view::npos) return {{}, name};
  return {name.substr(0, cut), name.substr(cut + 1)};
}

bool same_name(const char* raw, std::string_view ns, std::string_view local) {
  const XmlName name = split(raw);
  return name.local == local && (ns.empty() || name.ns == ns);
}

namespace fallback {
// Expat 2.6.0 added reparse deferral (CVE-2023-52425: a huge token fed in many chunks is
// rescanned from its start on each one); Debian backports it into 2.5.0 without changing the
// version macros, so only the declaration tells. This stands in where there is none.
template <typename Parser>
XML_Bool XML_SetReparseDeferralEnabled(Parser, XML_Bool) {
  return XML_FALSE;
}
}  // namespace fallback

class Session {
 public:
  explicit Session(XmlHandler& handler)
      : handler_(handler), parser_(XML_ParserCreateNS(nullptr, kSeparator)) {
    if (parser_ == nullptr) throw std::bad_alloc();
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &Session::on_start, &Session::on_end);
    XML_SetCharacterDataHandler(parser_, &Session::on_text);
    XML_SetStartDoctypeDeclHandler(parser_, &Session::on_doctype);
    using namespace fallback;
    XML_SetReparseDeferralEnabled(parser_, XML_TRUE);
  }
  ~Session() { XML_ParserFree(parser_); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void parse(std::string_view bytes) {
    std::size_t done = 0;
    for (;;) {
      const std::size_t n = std::min(kChunk, bytes.size() - done);
      const bool last = done + n == bytes.size();
      const XML_Status status =
          XML_Parse(parser_, bytes.data() + done, static_cast<int>(n), last ? XML_TRUE : XML_FALSE);
      if (failure_) std::rethrow_exception(failure_);
      if (status != XML_STATUS_OK) {
        throw NotInspected(fmt::format("damaged: {} at line {}",
                                       XML_ErrorString(XML_GetErrorCode(parser_)),
                                       XML_GetCurrentLineNumber(parser_)));
      }
      done += n;
      if (last) return;
    }
  }

 private:
  struct Alternatives {
    std::size_t depth;  // of the mc:AlternateContent element
    bool taken = false;
  };

  static Session& self(void* data) { return *static_cast<Session*>(data); }

  static void XMLCALL on_start(void* data, const char* name, const char** attributes) {
    Session& s = self(data);
    s.guarded([&] { s.start(name, attributes); });
  }
  static void XMLCALL on_end(void* data, const char* name) {
    Session& s = self(data);
    s.guarded([&] { s.end(name); });
  }
  static void XMLCALL on_text(void* data, const char* text, int length) {
    Session& s = self(data);
    s.guarded([&] {
      if (s.skip_until_ == 0) s.handler_.text({text, static_cast<std::size_t>(length)});
    });
  }
  static void XMLCALL on_doctype(void* data, const char*, const char*, const char*, int) {
    Session& s = self(data);
    s.guarded([] { throw NotInspected("damaged: DOCTYPE in Office XML"); });
  }

  // An exception must not unwind through expat's C frames: keep it, stop the parser, and
  // rethrow once XML_Parse has returned. Expat may still deliver a callback or two after
  // XML_StopParser; they are ignored.
  template <typename F>
  void guarded(F&& f) {
    if (failure_) return;
    try {
      f();
    } catch (...) {
      failure_ = std::current_exception();
      XML_StopParser(parser_, XML_FALSE);
    }
  }

  // Of an mc:AlternateContent, the Choice repeats what the Fallback says for older readers:
  // reading both would count every number in it twice, so only the first child is read.
  void start(const char* raw, const char** attributes) {
    ++depth_;
    if (skip_until_ != 0) return;
    if (!alternatives_.empty() && alternatives_.back().depth + 1 == depth_) {
      if (alternatives_.back().taken) {
        skip_until_ = depth_;
        return;
      }
      alternatives_.back().taken = true;
    }
    const XmlName name = split(raw);
    if (name.ns == kMarkupCompatibility && name.local == "AlternateContent")
      alternatives_.push_back({depth_});
    handler_.start(name, XmlAttributes(attributes));
  }

  void end(const char* raw) {
    const std::size_t depth = depth_--;
    if (skip_until_ != 0) {
      if (depth == skip_until_) skip_until_ = 0;
      return;
    }
    if (!alternatives_.empty() && alternatives_.back().depth == depth) alternatives_.pop_back();
    handler_.end(split(raw));
  }

  XmlHandler& handler_;
  XML_Parser parser_;
  std::exception_ptr failure_;
  std::size_t depth_ = 0;
  std::size_t skip_until_ = 0;  // depth of the element being skipped, 0 when none
  std::vector<Alternatives> alternatives_;
};

}  // namespace

std::optional<std::string_view> XmlAttributes::get(std::string_view local) const {
  return get({}, local);
}

std::optional<std::string_view> XmlAttributes::get(std::string_view ns,
                                                   std::string_view local) const {
  for (const char** pair = pairs_; pair[0] != nullptr; pair += 2)
    if (same_name(pair[0], ns, local)) return std::string_view(pair[1]);
  return std::nullopt;
}

void parse_xml(std::string_view bytes, XmlHandler& handler) {
  Session session(handler);
  session.parse(bytes);
}

}  // namespace galguard::extract::detail
