// RFC 3461 §4 xtext, the encoding of XFORWARD attribute values: "+" and two upper-case hex
// digits stand for one octet; everything else is printable ASCII other than "+" and "=".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace galguard::smtp {

// nullopt when the text is not valid xtext (the caller answers 501 5.5.4).
std::optional<std::string> xtext_decode(std::string_view text);

}  // namespace galguard::smtp
