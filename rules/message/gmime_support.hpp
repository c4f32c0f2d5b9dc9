// GMime plumbing shared by the message view's files: one-time initialisation, owning pointers
// for GObjects and g_malloc'd strings, and the parser options every parse uses. Internal to
// rules/message/; the public view (message_view.hpp) stays free of GMime types.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <string>

namespace galguard::rules::gmime {

// Safe to call from any thread, any number of times; only the first call initialises GMime.
void ensure_initialised();

struct ObjectUnref {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using Ref = std::unique_ptr<T, ObjectUnref>;

struct Free {
  void operator()(gpointer memory) const { g_free(memory); }
};
using CharPtr = std::unique_ptr<char, Free>;

struct OptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};
using Options = std::unique_ptr<GMimeParserOptions, OptionsFree>;

// Loose RFC compliance (what real mail needs) and fallback charsets for raw 8-bit text:
// UTF-8 first, then windows-1252, then iso-8859-1, which accepts any byte and so always ends
// the search.
Options make_parser_options();

// The C string as std::string; "" for nullptr.
inline std::string to_string(const char* text) {
  return text != nullptr ? text : "";
}

// Takes ownership of a g_malloc'd string; "" for nullptr.
inline std::string take_string(char* text) {
  return to_string(CharPtr(text).get());
}

}  // namespace galguard::rules::gmime
