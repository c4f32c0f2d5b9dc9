// lookalike-domain: recipients' domains compared with ours by where they are registered (Public
// Suffix List), as a user meets them: typo-squats, confusable characters, our domain used as a
// label prefix or joined into one label, and the everyday domains that must pass.
#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "rules/checks/check_table.hpp"
#include "rules/checks/public_suffix.hpp"
#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::rules {
namespace {

using namespace testing;

const Policy& domains_policy() {
  static const Policy policy = parse_policy(R"(
[organisation]
name = "Stockholms stad"
internal_domains = ["stockholm.se", "example.co.uk", "xn--skrholmen-w2a.se", "su.se"]
)",
                                            "domains.toml");
  return policy;
}

bool lookalike(const std::string& address, const Policy& policy = domains_policy()) {
  static const Snapshot directory = reference_directory();
  return has_code(check_recipient(to("", address), directory, policy), "lookalike-domain");
}

struct DomainCase {
  const char* what;
  const char* address;
  bool fires;
};

class LookalikeDomain : public ::testing::TestWithParam<DomainCase> {};

TEST_P(LookalikeDomain, FiresOnlyForAnotherHolderImitatingOurs) {
  const DomainCase& c = GetParam();
  EXPECT_EQ(lookalike(c.address), c.fires) << c.what << ": " << c.address;
}

const DomainCase kDomainCases[] = {
    // Ours, in every spelling the mail may carry.
    {"our own domain", "anna@stockholm.se", false},
    {"our own domain, upper case and a root dot", "anna@STOCKHOLM.SE.", false},
    {"a subdomain the policy does not list", "anna@skola.stockholm.se", false},
    {"a subdomain two levels down", "anna@it.skola.stockholm.se", false},
    {"ours under a two-label suffix", "anna@example.co.uk", false},
    {"a subdomain of ours under a two-label suffix", "anna@mail.example.co.uk", false},
    {"our IDN domain written in Unicode", "anna@skärholmen.se", false},
    {"our IDN domain written in punycode", "anna@xn--skrholmen-w2a.se", false},
    // Somebody else's, in ordinary mail.
    {"unrelated domain", "anna@example.com", false},
    {"another holder under the same two-label suffix", "anna@other.co.uk", false},
    {"another holder, our name plus a word", "hyresgast@stockholmshem.se", false},
    {"our name under another top-level domain", "anna@stockholm.com", false},
    {"our name as a subdomain of somebody else", "anna@stockholm.example.com", false},
    {"our domain inside a longer label", "anna@stockholm-sekreterare.com", false},
    {"an unrelated IDN in punycode", "anna@xn--mnchen-3ya.de", false},
    {"a short name run together is another word", "support@suse.com", false},
    {"a short name one edit away is another holder", "info@sub.se", false},
    {"a public suffix alone", "root@co.uk", false},
    {"a bare host name", "root@localhost", false},
    // Typo-squats and confusables, compared by registrable domain.
    {"one letter dropped", "anna@stockhlm.se", true},
    {"one letter doubled", "anna@stockhollm.se", true},
    {"one edit in the top-level domain", "anna@stockholm.de", true},
    {"look-alike under a subdomain", "anna@mail.stockho1m.se", true},
    {"two confusable characters", "anna@st0ckh0lm.se", true},
    {"Cyrillic o, in Unicode", "anna@st\u043eckholm.se", true},
    {"Cyrillic o, in punycode", "anna@xn--stckholm-obh.se", true},
    {"Cyrillic dze and ie in the top-level domain", "anna@stockholm.\u0455\u0435", true},
    {"rn for m under a two-label suffix", "anna@exarnple.co.uk", true},
    {"one edit under a two-label suffix", "anna@mail.exampie.co.uk", true},
    {"our IDN domain without its diacritic", "anna@skarholmen.se", true},
    {"a short name with confusable characters", "anna@s\u03c5.se", true},
    // Our domain used as a label prefix of somebody else's.
    {"label prefix", "anna@stockholm.se.example.com", true},
    {"label prefix under a subdomain", "anna@mail.stockholm.se.example.com", true},
    {"label prefix under a two-label suffix", "anna@example.co.uk.evil.net", true},
    {"our IDN domain as a label prefix", "anna@skärholmen.se.example.com", true},
    // Our domain joined into one label.
    {"hyphen-joined", "anna@stockholm-se.com", true},
    {"hyphen-joined as a tenant name", "anna@stockholm-se.onmicrosoft.com", true},
    {"hyphen-joined, a short name", "anna@su-se.com", true},
    {"hyphen-joined IDN in punycode", "anna@xn--skrholmen-se-hcb.com", true},
    {"run together", "anna@stockholmse.com", true},
    {"run together under a two-label suffix", "anna@examplecouk.co.uk", true},
};

INSTANTIATE_TEST_SUITE_P(Table, LookalikeDomain, ::testing::ValuesIn(kDomainCases));

TEST(LookalikeDomain, ExplainsWhichOfOurDomainsIsImitated) {
  static const Snapshot directory = reference_directory();
  auto findings = check_recipient(to("Anna", "anna@stockholm-se.com"), directory, domains_policy());
  ASSERT_TRUE(has_code(findings, "lookalike-domain"));
  const Finding& f = findings.front();
  EXPECT_EQ(f.expected, std::vector<std::string>{"stockholm.se"});
  EXPECT_NE(f.explanation.find("stockholm-se"), std::string::npos) << f.explanation;
}

TEST(RegistrableDomain, FollowsThePublicSuffixList) {
  const struct {
    const char* domain;
    const char* want;
  } cases[] = {
      {"stockholm.se", "stockholm.se"},
      {"mail.stockho1m.se", "stockho1m.se"},
      {"a.b.example.co.uk", "example.co.uk"},
      {"stockholm.se.example.com", "example.com"},
      {"skola.bergen.kommune.no", "bergen.kommune.no"},      // a three-label suffix
      {"stockholm-se.github.io", "stockholm-se.github.io"},  // a private suffix: a holder per name
      {"skärholmen.se", "skärholmen.se"},
      {"co.uk", "co.uk"},
      {"localhost", "localhost"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(detail::registrable_domain(c.domain), c.want) << c.domain;
}

// Domains no mail server would take still get an answer, and no crash (libpsl reads them too).
TEST(LookalikeDomain, MalformedDomainsAreJudgedNotCrashed) {
  std::string long_domain;
  for (int i = 0; i < 3000; ++i)
    long_domain += "a.";
  const struct {
    std::string address;
    bool fires;
  } cases[] = {
      {"anna@.", false},
      {"anna@..", false},
      {"anna@\xff\xfe.se", false},
      {"anna@" + long_domain + "se", false},
      {"anna@" + long_domain + "stockholm.se.example.com", true},
      {"anna@stockholm..se", true},  // a broken spelling of ours is held, not passed
      {"anna@.stockholm.se", true},  // a one-character-longer spelling of ours
      {"anna@stockholm.se..", true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(lookalike(c.address), c.fires) << c.address.substr(0, 60);
}

// Distinct domains (as normalize_address leaves them) whose skeleton is that of stockholm.se,
// each two or more characters away from it.
std::vector<std::string> confusable_stockholms(std::size_t count) {
  const std::array<std::vector<std::string>, 11> letters{{
      {"s", "\u0455", "\ua731"},
      {"t"},
      {"o", "0", "\u043e", "\u03bf"},
      {"c", "\u0441"},
      {"k"},
      {"h", "\u04bb"},
      {"o", "0", "\u043e", "\u03bf"},
      {"l", "1", "\u217c"},
      {"m", "rn"},
      {".s", ".\u0455", ".\ua731"},
      {"e", "\u0435"},
  }};
  const std::string want = skeleton("stockholm.se");
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (std::size_t n = 0; out.size() < count; ++n) {
    std::string domain;
    std::size_t rest = n;
    for (const auto& choices : letters) {
      domain += choices[rest % choices.size()];
      rest /= choices.size();
    }
    if (rest > 0) break;  // every combination tried
    domain = std::string(domain_of(normalize_address("anna@" + domain)));
    if (!detail::within_one_edit(domain, "stockholm.se") && skeleton(domain) == want &&
        seen.insert(domain).second) {
      out.push_back(domain);
    }
  }
  return out;
}

// The per-thread domain cache (registrable domain and skeleton) holds 4096 domains and is
// emptied when full. The old comparison `domain_skeleton(a) == domain_skeleton(b)` held a
// reference to a's cached skeleton while b's lookup emptied the cache: with stockholm.se cached
// and malmo.se not (every look-alike stopped at its finding before reaching malmo.se), the probe
// after 4094 look-alikes read freed memory (ASan in CI). Each run starts on a fresh thread, so on
// an empty cache, and the runs around 4094 keep the test independent of the cache's exact
// bookkeeping.
TEST(LookalikeDomain, StaysRightWhileTheSkeletonCacheOverflows) {
  const Policy policy = parse_policy(R"(
[organisation]
internal_domains = ["stockholm.se", "malmo.se"]
)",
                                     "two-domains.toml");
  const std::vector<std::string> lookalikes = confusable_stockholms(4100);
  ASSERT_EQ(lookalikes.size(), 4100U);
  for (std::size_t fill = 4090; fill <= 4100; ++fill) {
    std::size_t missed = 0;
    bool probe_flagged = true;
    bool malmo_lookalike_flagged = false;
    std::thread run([&] {
      for (std::size_t i = 0; i < fill; ++i)
        missed += lookalike("anna@" + lookalikes[i], policy) ? 0 : 1;
      probe_flagged = lookalike("anna@example.se", policy);
      malmo_lookalike_flagged = lookalike("anna@rnalrno.se", policy);
    });
    run.join();
    EXPECT_EQ(missed, 0U) << "after " << fill << " look-alikes";
    EXPECT_FALSE(probe_flagged) << "after " << fill << " look-alikes";
    EXPECT_TRUE(malmo_lookalike_flagged) << "after " << fill << " look-alikes";
  }
}

}  // namespace
}  // namespace galguard::rules
