#include "gateway/quarantine/action_chain.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace galguard::quarantine {
namespace {

std::vector<ActionLogEntry> chain_of(int n) {
  std::vector<ActionLogEntry> log;
  for (int i = 1; i <= n; ++i) {
    ActionLogEntry e{i, 100 + i, "op", "viewed-body", "id" + std::to_string(i), "r", {}, {}};
    seal(e, log.empty() ? genesis_hash : std::string_view(log.back().hash));
    log.push_back(e);
  }
  return log;
}

TEST(ActionChain, HashIsHexSha256AndDeterministic) {
  const auto log = chain_of(1);
  EXPECT_EQ(log[0].prev_hash, std::string(64, '0'));
  EXPECT_EQ(log[0].hash.size(), 64u);
  EXPECT_EQ(log[0].hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(chain_hash(genesis_hash, log[0]), log[0].hash);
}

TEST(ActionChain, FieldBoundariesMatter) {
  ActionLogEntry a{1, 1, "ab", "c", "", "", {}, {}};
  ActionLogEntry b{1, 1, "a", "bc", "", "", {}, {}};
  EXPECT_NE(canonical_row(a), canonical_row(b));
  EXPECT_NE(chain_hash(genesis_hash, a), chain_hash(genesis_hash, b));
}

TEST(ActionChain, VerifyFindsTheFirstBadRow) {
  struct Case {
    const char* name;
    void (*tamper)(std::vector<ActionLogEntry>&);
    std::optional<std::int64_t> want;
  };
  const std::vector<Case> cases = {
      {"untouched", [](auto&) {}, std::nullopt},
      {"reason edited", [](auto& l) { l[2].reason = "x"; }, 3},
      {"time edited", [](auto& l) { l[1].at = 0; }, 2},
      {"row removed", [](auto& l) { l.erase(l.begin() + 3); }, 5},
      {"first row removed", [](auto& l) { l.erase(l.begin()); }, 2},
      {"row resealed but not its successor",
       [](auto& l) {
         l[1].actor = "someone else";
         seal(l[1], l[0].hash);
       },
       3},
  };
  for (const Case& c : cases) {
    auto log = chain_of(5);
    c.tamper(log);
    const ChainCheck got = verify(log);
    EXPECT_EQ(got.ok, !c.want) << c.name;
    EXPECT_EQ(got.first_bad_seq, c.want) << c.name;
  }
}

}  // namespace
}  // namespace galguard::quarantine
