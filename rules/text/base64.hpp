// RFC 4648 base64 encoding, for the places that write it: RFC 2047 encoded words, LDIF values
// that are not safe strings, JWT parts (the URL-safe alphabet without padding).
#pragma once

#include <string>
#include <string_view>

namespace galguard::rules {

std::string base64_encode(std::string_view bytes);
// RFC 4648 §5: '-' and '_' instead of '+' and '/', no '=' padding.
std::string base64url_encode(std::string_view bytes);

}  // namespace galguard::rules
