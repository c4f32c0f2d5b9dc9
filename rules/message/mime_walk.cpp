#include "rules/message/mime_walk.hpp"

#include <string>
#include <vector>

#include "rules/message/attachment_kind.hpp"
#include "rules/message/gmime_support.hpp"
#include "rules/message/html_text.hpp"
#include "rules/message/text_decode.hpp"

namespace galguard::rules::gmime {
namespace {

bool is_type(GMimeContentType* type, const char* media, const char* subtype) {
  return type != nullptr && g_mime_content_type_is_type(type, media, subtype);
}

// Whether the content is unreadable without a key: the incident record asks "encrypted or
// not". An opaque-signed S/MIME message is application/pkcs7-mime too, but its content is
// only signed, so its smime-type keeps it out.
bool is_encrypted(GMimeContentType* type) {
  if (is_type(type, "multipart", "encrypted") || is_type(type, "application", "pgp-encrypted")) {
    return true;
  }
  if (is_type(type, "application", "pkcs7-mime") || is_type(type, "application", "x-pkcs7-mime")) {
    const char* smime_type = g_mime_content_type_get_parameter(type, "smime-type");
    return smime_type == nullptr || (g_ascii_strcasecmp(smime_type, "signed-data") != 0 &&
                                     g_ascii_strcasecmp(smime_type, "certs-only") != 0);
  }
  return false;
}

// A signature says who sent the message, not what it says: no attachment of the sender's.
bool is_signature(GMimeContentType* type) {
  return is_type(type, "application", "pkcs7-signature") ||
         is_type(type, "application", "x-pkcs7-signature") ||
         is_type(type, "application", "pgp-signature");
}

// Content-Disposition filename, else Content-Type name, as GMime decoded them (RFC 2231, and
// the RFC 2047 words some clients put in parameters).
std::string attachment_name(GMimeObject* object, GMimeParserOptions* options) {
  const char* name = g_mime_object_get_content_disposition_parameter(object, "filename");
  if (name == nullptr || *name == '\0')
    name = g_mime_object_get_content_type_parameter(object, "name");
  return decoded_field(name, options);
}

bool is_attachment_disposition(GMimeObject* object) {
  const char* disposition = g_mime_object_get_disposition(object);
  return disposition != nullptr && g_ascii_strcasecmp(disposition, "attachment") == 0;
}

std::string media_type(GMimeContentType* type) {
  if (type == nullptr) return "application/octet-stream";
  std::string out = to_string(g_mime_content_type_get_media_type(type)) + "/" +
                    to_string(g_mime_content_type_get_media_subtype(type));
  for (char& c : out)
    c = g_ascii_tolower(c);
  return out;
}

std::string part_text(std::string_view bytes, GMimeContentType* type, GMimeParserOptions* options) {
  const char* charset = g_mime_content_type_get_parameter(type, "charset");
  std::string text = file_to_utf8(bytes, charset != nullptr ? charset : "", options);
  if (is_type(type, "text", "html")) return html_to_text(text);
  return text;
}

struct Pending {
  GMimeObject* object;
  int owner;  // -1: the message itself; else the attached message's index in view.attachments
  int depth;  // of the object's message: 0 for the message itself
};

class BodyWalk {
 public:
  BodyWalk(GMimeParserOptions* options, TextBudget& budget, MessageView& view)
      : options_(options), budget_(budget), view_(view) {}

  void run(GMimeObject* root) {
    // An explicit stack instead of recursion: nesting depth is the sender's choice. Pointers
    // are borrowed; the message owns the tree.
    pending_.push_back({root, -1, 0});
    while (!pending_.empty()) {
      const Pending item = pending_.back();
      pending_.pop_back();
      if (item.object != nullptr) visit(item);
    }
  }

 private:
  void visit(const Pending& item) {
    GMimeObject* object = item.object;
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (is_encrypted(type)) view_.encrypted = true;
    if (is_signature(type)) return;

    if (GMIME_IS_MULTIPART(object)) {
      if (is_encrypted(type)) {
        add_attachment(item, "(encrypted part)", media_type(type), "encrypted", "encrypted");
        return;
      }
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      // Pushed last to first so that parts are read in document order.
      for (int i = g_mime_multipart_get_count(multipart) - 1; i >= 0; --i)
        pending_.push_back({g_mime_multipart_get_part(multipart, i), item.owner, item.depth});
      return;
    }

    std::string name = attachment_name(object, options_);
    if (!name.empty()) {
      budget_.add(view_.texts, "attachment-name", name);
      view_.attachment_names.push_back(name);
    }

    if (GMIME_IS_MESSAGE_PART(object)) {
      visit_message(item, name.empty() ? "(attached message)" : name);
      return;
    }
    if (is_encrypted(type)) {
      add_attachment(item, name.empty() ? "(encrypted part)" : name, media_type(type), "encrypted",
                     "encrypted");
      return;
    }
    if (!GMIME_IS_PART(object)) return;
    GMimePart* part = GMIME_PART(object);
    const bool text = is_type(type, "text", "*");
    if (text && name.empty() && !is_attachment_disposition(object)) {
      // Decoding costs, so text past the budget is not decoded; add_text still notes the cut.
      add_text(item.owner, budget_.exhausted() ? std::string(" ")
                                               : part_text(decoded_content(part), type, options_));
      return;
    }
    visit_file(item, part, type, name);
  }

  // A forwarded or attached message: its subject and text are the attachment's text, its own
  // attachments are listed after it with its name in their path.
  void visit_message(const Pending& item, const std::string& name) {
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(item.object));
    const int index = add_attachment(item, name, "message/rfc822", "message", "");
    if (inner == nullptr) {
      view_.attachments[index].why = "damaged: no message";
      return;
    }
    if (item.depth + 1 > kMaxAttachmentDepth) {
      view_.attachments[index].why = "limit: depth";
      return;
    }
    view_.attachments[index].inspected = true;
    add_text(index, decoded_field(g_mime_message_get_subject(inner), options_));
    pending_.push_back({g_mime_message_get_mime_part(inner), index, item.depth + 1});
  }

  void visit_file(const Pending& item, GMimePart* part, GMimeContentType* type,
                  const std::string& name) {
    const std::string content_type = media_type(type);
    std::string bytes = decoded_content(part);
    const std::string label = name.empty() ? "(unnamed " + content_type + ")" : name;
    // A text part that is really a PDF or an Office file (mislabelled, or on purpose) goes to
    // extract/ like any other file.
    // A saved message (.eml) sent as text/plain is a message: extract/ reads it as one.
    if (is_type(type, "text", "*") && !looks_like_binary_file(bytes) &&
        extension_of(name) != "eml") {
      const int index =
          add_attachment(item, label, content_type, text_file_type(name, content_type), "");
      view_.attachments[index].inspected = true;
      add_text(index, part_text(bytes, type, options_));
      return;
    }
    const int index = add_attachment(item, label, content_type, "", "not read");
    view_.attachments[index].content = std::move(bytes);
  }

  int add_attachment(const Pending& item, const std::string& name, std::string content_type,
                     std::string type, std::string why) {
    Attachment attachment;
    attachment.name = item.owner < 0 ? name : view_.attachments[item.owner].name + "/" + name;
    attachment.content_type = std::move(content_type);
    attachment.type = std::move(type);
    attachment.why = std::move(why);
    attachment.depth = item.depth + 1;
    view_.attachments.push_back(std::move(attachment));
    return static_cast<int>(view_.attachments.size()) - 1;
  }

  void add_text(int owner, std::string text) {
    if (owner < 0) {
      budget_.add(view_.texts, "body", std::move(text));
      return;
    }
    // What the budget leaves out of an attachment is said in its breakdown.
    if (!budget_.add(view_.texts, "attachment", std::move(text), owner) &&
        view_.attachments[owner].why.empty())
      view_.attachments[owner].why = "limit: text";
  }

  GMimeParserOptions* options_;
  TextBudget& budget_;
  MessageView& view_;
  std::vector<Pending> pending_;
};

}  // namespace

void scan_body(GMimeObject* root, GMimeParserOptions* options, TextBudget& budget,
               MessageView& view) {
  BodyWalk(options, budget, view).run(root);
}

}  // namespace galguard::rules::gmime
