#include "rules/model/snapshot.hpp"

#include <gtest/gtest.h>

#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

Entry entry(std::string id, std::string name, std::string primary,
            std::vector<std::string> proxies = {}, std::string target = {}) {
  Entry e;
  e.id = std::move(id);
  e.display_name = std::move(name);
  e.primary = std::move(primary);
  e.proxies = std::move(proxies);
  e.target = std::move(target);
  return e;
}

TEST(Snapshot, IndexesEveryAddressOfAnEntry) {
  Snapshot s({entry("1", "Andersson, Anna", "Anna.Andersson@stockholm.se",
                    {"anna.andersson@stockholm.se", "a.andersson@stockholm.se"},
                    "anna@tenant.mail.onmicrosoft.com")});
  EXPECT_EQ(s.addresses(0),
            (std::vector<std::string>{"anna.andersson@stockholm.se", "a.andersson@stockholm.se",
                                      "anna@tenant.mail.onmicrosoft.com"}));
  for (const char* a : {"anna.andersson@stockholm.se", "a.andersson@stockholm.se",
                        "anna@tenant.mail.onmicrosoft.com"})
    EXPECT_EQ(s.by_address(a).size(), 1U) << a;
  EXPECT_TRUE(s.by_address("nobody@stockholm.se").empty());
  EXPECT_TRUE(s.has_address(0, "a.andersson@stockholm.se"));
}

TEST(Snapshot, FindsNamesInAnyOrderAndLookAlikes) {
  Snapshot s({entry("1", "Andersson, Anna", "anna@stockholm.se"),
              entry("2", "Johansson, Erik", "erik@stockholm.se"),
              entry("3", "Johansson, Erik", "erik2@stockholm.se")});
  EXPECT_EQ(s.by_name_key(name_key("Anna Andersson")).size(), 1U);
  EXPECT_EQ(s.by_name_key(name_key("Erik Johansson")).size(), 2U);
  EXPECT_EQ(s.by_skeleton_key(skeleton_key("\u0410nna Anderss\u043en")).size(), 1U);
  EXPECT_TRUE(s.by_name_key(name_key("Anna Johansson")).empty());
}

TEST(Snapshot, EntryWithoutNameOrAddressIsKeptButNotIndexed) {
  Snapshot s({entry("1", "", "")});
  EXPECT_EQ(s.size(), 1U);
  EXPECT_TRUE(s.addresses(0).empty());
  EXPECT_TRUE(s.by_name_key("").empty());
}

}  // namespace
}  // namespace galguard::rules
