// The words every TOML file reader of galguard uses in its errors (the policy here, the
// gateway config in gateway/config/): what type a node is, and which known key a typo meant.
#pragma once

#include <toml++/toml.h>

#include <span>
#include <string>
#include <string_view>

namespace galguard::rules {

// "a string", "an integer", ... for "expected X, got Y".
std::string_view toml_type_name(const toml::node& node);

// " (did you mean \"max_line\"?)" for a near miss (edit distance below 3), else empty.
std::string did_you_mean(std::string_view key, std::span<const std::string_view> known);

}  // namespace galguard::rules
