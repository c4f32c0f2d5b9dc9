// Durations and sizes as written in galguard.toml: got/want tables.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "gateway/config/units.hpp"

namespace galguard::config {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

TEST(ParseDuration, Table) {
  struct Case {
    std::string text;
    std::optional<milliseconds> want;
  };
  const Case cases[] = {
      {"500ms", 500ms},
      {"2s", 2s},
      {"5m", 5min},
      {"1h", 1h},
      {"1d", 24h},
      {"300", 300s},  // a bare number is seconds
      {"0", 0ms},
      {"0s", 0ms},
      {"90s", 90s},
      {"5M", std::nullopt},  // M is a size (mebibytes), not minutes
      {"5 m", std::nullopt},
      {" 5m", std::nullopt},
      {"1.5s", std::nullopt},
      {"-1s", std::nullopt},
      {"1m30s", std::nullopt},
      {"5sec", std::nullopt},
      {"s", std::nullopt},
      {"", std::nullopt},
      {"99999999999999999999ms", std::nullopt},  // does not fit in 64 bits
      {"9223372036854775807d", std::nullopt},    // fits, but not once multiplied
  };
  for (const auto& c : cases)
    EXPECT_EQ(parse_duration(c.text), c.want) << "\"" << c.text << "\"";
}

TEST(FormatDuration, LargestExactUnit) {
  struct Case {
    milliseconds duration;
    std::string want;
  };
  const Case cases[] = {
      {0ms, "0s"},  {500ms, "500ms"}, {1500ms, "1500ms"}, {2s, "2s"},  {90s, "90s"},
      {5min, "5m"}, {1h, "1h"},       {24h, "1d"},        {48h, "2d"}, {25h, "25h"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(format_duration(c.duration), c.want) << c.duration.count() << "ms";
    EXPECT_EQ(parse_duration(format_duration(c.duration)), c.duration) << c.want;
  }
}

TEST(ParseSize, Table) {
  struct Case {
    std::string text;
    std::optional<std::uint64_t> want;
  };
  const Case cases[] = {
      {"0", 0},
      {"1000", 1000},
      {"10K", 10 * 1024},
      {"10k", 10 * 1024},
      {"50M", 50ull << 20},
      {"1G", 1ull << 30},
      {"2t", 2ull << 40},
      {"18446744073709551615", 18446744073709551615ull},
      {"18446744073709551616", std::nullopt},
      {"16777216T", std::nullopt},  // 2^24 * 2^40 = 2^64
      {"10KB", std::nullopt},
      {"1.5M", std::nullopt},
      {"-1", std::nullopt},
      {" 10K", std::nullopt},
      {"K", std::nullopt},
      {"ten", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases)
    EXPECT_EQ(parse_size(c.text), c.want) << "\"" << c.text << "\"";
}

TEST(FormatSize, ExactSuffixOrBytes) {
  struct Case {
    std::uint64_t bytes;
    std::string want;
  };
  const Case cases[] = {
      {0, "0"},           {1000, "1000"},       {1024, "1K"},       {1536, "1536"},
      {1ull << 20, "1M"}, {50ull << 20, "50M"}, {3ull << 30, "3G"}, {1ull << 40, "1T"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(format_size(c.bytes), c.want) << c.bytes;
    EXPECT_EQ(parse_size(format_size(c.bytes)), c.bytes) << c.want;
  }
}

}  // namespace
}  // namespace galguard::config
