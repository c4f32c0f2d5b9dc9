// The three reference exports through directory::open_source, as the gateway and the auditor
// load them, down to the snapshot's indexes.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "directory/source.hpp"
#include "files_test_util.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::directory {
namespace {

class Samples : public ::testing::TestWithParam<const char*> {};

TEST_P(Samples, LoadIntoAnIndexedSnapshot) {
  const std::string path = testing::sample_path(GetParam());
  auto source = open_source(path);
  EXPECT_EQ(source->describe(), path);
  const LoadResult loaded = source->load();
  ASSERT_TRUE(loaded.snapshot);
  EXPECT_TRUE(loaded.diagnostics.empty());
  const rules::Snapshot& s = *loaded.snapshot;
  ASSERT_EQ(s.size(), 8u);

  // The rogue contact: found by its name in either order and by its address.
  auto rogue = s.by_name_key(rules::name_key("Service Desk 33900"));
  ASSERT_EQ(rogue.size(), 1u);
  EXPECT_EQ(s.entry(rogue[0]).kind, rules::EntryKind::contact);
  EXPECT_TRUE(s.has_address(rogue[0], "m.exempel@elevstockholm.onmicrosoft.com"));
  auto by_address =
      s.by_address(rules::normalize_address("M.Exempel@ElevStockholm.onmicrosoft.com"));
  ASSERT_EQ(by_address.size(), 1u);
  EXPECT_EQ(by_address[0], rogue[0]);
  EXPECT_EQ(s.by_skeleton_key(rules::skeleton_key("Servicе Desk 33900")).size(), 1u);  // Cyrillic е

  // Namesakes share a bucket; "Erik Johansson" finds both.
  auto eriks = s.by_name_key(rules::name_key("Erik Johansson"));
  ASSERT_EQ(eriks.size(), 2u);
  EXPECT_NE(s.addresses(eriks[0]), s.addresses(eriks[1]));

  // Base64 (LDIF) and UTF-8 (JSON, CSV) names index alike.
  EXPECT_EQ(s.by_name_key(rules::name_key("dataskyddsombud skärholmen")).size(), 1u);
  auto payroll = s.by_address("loner.skarholmen@stockholm.se");
  ASSERT_EQ(payroll.size(), 1u);
  EXPECT_TRUE(s.entry(payroll[0]).hidden);

  // Secondary proxies are addresses of the entry too.
  auto anna = s.by_address("a.andersson@stockholm.se");
  ASSERT_EQ(anna.size(), 1u);
  EXPECT_EQ(s.entry(anna[0]).display_name, "Andersson, Anna");
}

INSTANTIATE_TEST_SUITE_P(Files, Samples, ::testing::Values("gal.ldif", "gal.json", "gal.csv"));

// The three exports describe one GAL: the same names with the same addresses.
TEST(SampleFormats, AllDescribeTheSameGal) {
  auto shape = [](const char* name) {
    std::multimap<std::string, std::vector<std::string>> out;
    const LoadResult r = open_source(testing::sample_path(name))->load();
    for (rules::EntryIndex i = 0; i < r.snapshot->size(); ++i) {
      auto a = r.snapshot->addresses(i);
      std::sort(a.begin(), a.end());
      out.emplace(r.snapshot->name_key(i), a);
    }
    return out;
  };
  const auto ldif = shape("gal.ldif");
  EXPECT_EQ(shape("gal.json"), ldif);
  EXPECT_EQ(shape("gal.csv"), ldif);
}

TEST(OpenSource, LoadAllConcatenates) {
  const LoadResult r =
      load_all({testing::sample_path("gal.ldif"), testing::sample_path("gal.csv")});
  EXPECT_EQ(r.snapshot->size(), 16u);
  EXPECT_EQ(r.snapshot->by_address("m.exempel@elevstockholm.onmicrosoft.com").size(), 2u);
}

TEST(OpenSource, NothingLoadableThrows) {
  EXPECT_THROW(open_source("/nonexistent/gal.ldif")->load(), rules::InputError);
  EXPECT_THROW(open_source("gal.txt"), rules::InputError);
}

}  // namespace
}  // namespace galguard::directory
