// Text into HTML. Everything a message, a directory entry or a person supplied passes through
// escape() before it reaches a page: a display name "<script>alert(1)</script>" is mail data,
// and mail data is written by strangers.
#pragma once

#include <string>
#include <string_view>

namespace galguard::review {

// For element text and quoted attribute values alike (& < > " ' are all replaced). Bytes that
// are not UTF-8 become U+FFFD, so a browser cannot be talked into another charset.
std::string escape(std::string_view text);

// Shorter than `text` by at most max_bytes, cut on a character boundary, "…" appended when cut.
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace galguard::review
