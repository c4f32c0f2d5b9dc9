// AD range retrieval (directory/ldap/range_retrieval): parsing "type;range=A-B" and the fetch
// loop, against a scripted server since slapd has no ranges.
#include "directory/ldap/range_retrieval.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

namespace galguard::directory::ldap {
namespace {

TEST(ParseAttributeDescription, Table) {
  struct Case {
    std::string in;
    bool ok;
    std::string type;
    std::optional<std::size_t> first, last;
  };
  const Case cases[] = {
      {"proxyAddresses", true, "proxyAddresses", std::nullopt, std::nullopt},
      {"proxyAddresses;range=0-1499", true, "proxyAddresses", 0, 1499},
      {"proxyAddresses;range=1500-*", true, "proxyAddresses", 1500, std::nullopt},
      {"member;RANGE=3000-4499", true, "member", 3000, 4499},
      {"userCertificate;binary", true, "userCertificate", std::nullopt, std::nullopt},
      {"proxyAddresses;binary;range=0-9", true, "proxyAddresses", 0, 9},
      {"proxyAddresses;range=5", false, "", std::nullopt, std::nullopt},
      {"proxyAddresses;range=9-3", false, "", std::nullopt, std::nullopt},
      {"proxyAddresses;range=a-3", false, "", std::nullopt, std::nullopt},
      {"proxyAddresses;range=-3", false, "", std::nullopt, std::nullopt},
  };
  for (const auto& c : cases) {
    const auto got = parse_attribute_description(c.in);
    ASSERT_EQ(got.has_value(), c.ok) << c.in;
    if (!got) continue;
    EXPECT_EQ(got->type, c.type) << c.in;
    EXPECT_EQ(got->first, c.first) << c.in;
    EXPECT_EQ(got->last, c.last) << c.in;
  }
}

TEST(NextRangeRequest, AsksFromTheValueAfterTheLast) {
  EXPECT_EQ(next_range_request(*parse_attribute_description("proxyAddresses;range=0-1499")),
            "proxyAddresses;range=1500-*");
  EXPECT_EQ(next_range_request(*parse_attribute_description("member;range=1500-2999")),
            "member;range=3000-*");
}

// A server holding `total` values that hands out at most 1500 per answer, as AD does.
struct ScriptedServer {
  std::size_t total;
  std::vector<std::string> requests;
  RangeChunk operator()(const std::string& request) {
    requests.push_back(request);
    const auto asked = parse_attribute_description(request);
    const std::size_t first = *asked->first;
    const std::size_t last = std::min(first + 1499, total - 1);
    RangeChunk chunk;
    chunk.description = "proxyAddresses;range=" + std::to_string(first) + "-" +
                        (last == total - 1 ? "*" : std::to_string(last));
    for (std::size_t i = first; i <= last; ++i)
      chunk.values.push_back("smtp:a" + std::to_string(i) + "@x.se");
    return chunk;
  }
};

TEST(FetchRemainingValues, FollowsRangesUntilStar) {
  ScriptedServer server{4000, {}};
  const auto got =
      fetch_remaining_values(*parse_attribute_description("proxyAddresses;range=0-1499"),
                             [&](const std::string& r) { return server(r); });
  EXPECT_EQ(server.requests, (std::vector<std::string>{"proxyAddresses;range=1500-*",
                                                       "proxyAddresses;range=3000-*"}));
  ASSERT_EQ(got.size(), 2500u);
  EXPECT_EQ(got.front(), "smtp:a1500@x.se");
  EXPECT_EQ(got.back(), "smtp:a3999@x.se");
}

TEST(FetchRemainingValues, NothingToDoForAFinalOrUnrangedChunk) {
  int calls = 0;
  const RangeFetch never = [&](const std::string&) {
    ++calls;
    return RangeChunk{};
  };
  EXPECT_TRUE(
      fetch_remaining_values(*parse_attribute_description("proxyAddresses;range=0-*"), never)
          .empty());
  EXPECT_TRUE(
      fetch_remaining_values(*parse_attribute_description("proxyAddresses"), never).empty());
  EXPECT_EQ(calls, 0);
}

TEST(FetchRemainingValues, ThrowsWhenTheServerStopsOrSkips) {
  const auto first = *parse_attribute_description("proxyAddresses;range=0-1499");
  EXPECT_THROW(fetch_remaining_values(first, [](const std::string&) { return RangeChunk{}; }),
               std::runtime_error);
  // An answer that does not continue where the last ended would lose or repeat values.
  EXPECT_THROW(fetch_remaining_values(first,
                                      [](const std::string&) {
                                        return RangeChunk{"proxyAddresses;range=1400-*", {"x"}};
                                      }),
               std::runtime_error);
  // The same range again forever must not loop.
  EXPECT_THROW(fetch_remaining_values(first,
                                      [](const std::string&) {
                                        return RangeChunk{"proxyAddresses;range=0-1499", {"x"}};
                                      }),
               std::runtime_error);
}

}  // namespace
}  // namespace galguard::directory::ldap
