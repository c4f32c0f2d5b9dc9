// Durations and sizes as people write them in galguard.toml: one parser and one printer each,
// so every setting, the error messages and `config check` agree on the syntax.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace galguard::config {

// "500ms", "30s", "5m", "2h", "1d", or a bare whole number of seconds ("300").
// nullopt for anything else (negative, fractional, unknown unit, overflow).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);
// In the largest unit that is exact: 300000ms → "5m", 1500ms → "1500ms", 0 → "0s".
std::string format_duration(std::chrono::milliseconds duration);

// Bytes: "1048576", or with a binary suffix "10K", "50M", "1G", "1T" (K = 1024, any case).
// nullopt for anything else or when it does not fit in 64 bits.
std::optional<std::uint64_t> parse_size(std::string_view text);
// "50M" when a suffix is exact, else the number of bytes: 52428800 → "50M", 1000 → "1000".
std::string format_size(std::uint64_t bytes);

}  // namespace galguard::config
