// What a person types (a reason, an actor's name, a form field) before it reaches a header or a
// one-line log row.
#pragma once

#include <string>
#include <string_view>

namespace galguard::review {

// Control characters (CR, LF, TAB, ESC, ...) become spaces, runs of spaces one, no space at
// either end.
std::string clean_text(std::string_view text);

}  // namespace galguard::review
