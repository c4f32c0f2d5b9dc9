#include "rules/message/mime_walk.hpp"

#include <string>
#include <vector>

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

// Content-Disposition filename, else Content-Type name, as GMime decoded them (RFC 2231, and
// the RFC 2047 words some clients put in parameters).
std::string attachment_name(GMimeObject* object, GMimeParserOptions* options) {
  const char* name = g_mime_object_get_content_disposition_parameter(object, "filename");
  if (name == nullptr || *name == '\0')
    name = g_mime_object_get_content_type_parameter(object, "name");
  return decoded_field(name, options);
}

std::string part_text(GMimePart* part, GMimeContentType* type, GMimeParserOptions* options) {
  const char* charset = g_mime_content_type_get_parameter(type, "charset");
  std::string text = to_utf8(decoded_content(part), charset != nullptr ? charset : "", options);
  if (is_type(type, "text", "html")) return html_to_text(text);
  return text;
}

}  // namespace

void scan_body(GMimeObject* root, GMimeParserOptions* options, TextBudget& budget,
               MessageView& view) {
  // An explicit stack instead of recursion: nesting depth is the sender's choice. Pointers are
  // borrowed; the message owns the tree.
  std::vector<GMimeObject*> pending{root};
  while (!pending.empty()) {
    GMimeObject* object = pending.back();
    pending.pop_back();
    if (object == nullptr) continue;
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (is_encrypted(type)) view.encrypted = true;

    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      // Pushed last to first so that parts are read in document order.
      for (int i = g_mime_multipart_get_count(multipart) - 1; i >= 0; --i) {
        pending.push_back(g_mime_multipart_get_part(multipart, i));
      }
      continue;
    }

    std::string name = attachment_name(object, options);
    if (!name.empty()) {
      budget.add(view.texts, "attachment-name", name);
      view.attachment_names.push_back(std::move(name));
    }

    if (GMIME_IS_MESSAGE_PART(object)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (inner == nullptr) continue;
      // The forwarded subject is part of what the outer message discloses.
      budget.add(view.texts, "body", decoded_field(g_mime_message_get_subject(inner), options));
      pending.push_back(g_mime_message_get_mime_part(inner));
      continue;
    }

    if (GMIME_IS_PART(object) && is_type(type, "text", "*") && !budget.exhausted()) {
      budget.add(view.texts, "body", part_text(GMIME_PART(object), type, options));
    }
  }
}

}  // namespace galguard::rules::gmime
