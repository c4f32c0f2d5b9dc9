#pragma once

#include <string_view>

namespace galguard::app {

inline constexpr std::string_view kVersion = "0.1.0";

}  // namespace galguard::app
