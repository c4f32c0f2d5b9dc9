// The review UI's one stylesheet, served at /style.css (the CSP allows styles from the UI's own
// origin only, so nothing is inline). Plain CSS: a table layout that stacks on a phone.
#pragma once

#include <string_view>

namespace galguard::review {

std::string_view stylesheet();

}  // namespace galguard::review
