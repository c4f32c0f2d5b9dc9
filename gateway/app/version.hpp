#pragma once

#include <string_view>

namespace galguard::app {

// GALGUARD_VERSION comes from project(VERSION) in the top CMakeLists.txt.
inline constexpr std::string_view kVersion = GALGUARD_VERSION;

}  // namespace galguard::app
