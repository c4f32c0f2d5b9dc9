// The LDAP source against a real slapd (slapd_fixture.hpp): what a user of `galguard serve` or
// `galguard audit` with an ldap:// directory notices — every GAL entry loaded over several
// pages, the reference entry exactly as in the LDIF export, TLS and SASL EXTERNAL working, and
// each failure (bad password, no server, untrusted certificate, server gone mid-search) a clear
// error instead of a partial directory.
#include <gtest/gtest.h>

#include <cstdlib>

#include "directory/ldap/ldap_source.hpp"
#include "rules/text/input_error.hpp"
#include "tests/integration/ldap/slapd_fixture.hpp"

namespace galguard::directory {
namespace {

using testing::Slapd;
namespace ad = testing::ad;

std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The service account, password from the environment variable the options name.
LdapOptions service_account() {
  LdapOptions options;
  options.bind_dn = std::string(ad::kServiceDn);
  options.password_env = "GALGUARD_TEST_LDAP_PASSWORD";
  setenv("GALGUARD_TEST_LDAP_PASSWORD", std::string(ad::kServicePassword).c_str(), 1);
  return options;
}

// What load() threw, "" when it did not throw an InputError.
std::string load_error(const std::string& url, const LdapOptions& options,
                       std::function<void(const LoadProgress&)> on_progress = {}) {
  try {
    auto source = open_ldap_source(url, options, std::move(on_progress));
    LoadResult result = source->load();
    ADD_FAILURE() << "loaded " << result.snapshot->entries().size() << " entries from " << url;
  } catch (const rules::InputError& e) {
    return e.what();
  }
  return "";
}

const rules::Entry* named(const rules::Snapshot& snapshot, const std::string& name) {
  for (const auto& e : snapshot.entries())
    if (e.display_name == name) return &e;
  return nullptr;
}

class LdapSource : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (testing::slapd_unavailable().empty()) slapd_ = std::make_unique<Slapd>();
  }
  static void TearDownTestSuite() { slapd_.reset(); }
  void SetUp() override {
    if (const std::string why = testing::slapd_unavailable(); !why.empty()) GTEST_SKIP() << why;
  }
  void TearDown() override {
    if (HasFailure() && slapd_) std::cerr << slapd_->log_tail();
  }
  static Slapd& slapd() { return *slapd_; }

 private:
  static inline std::unique_ptr<Slapd> slapd_;
};

TEST_F(LdapSource, LoadsEveryGalEntryOverManyPages) {
  LdapOptions options = service_account();
  options.page_size = 500;
  std::vector<LoadProgress> progress;
  const LoadResult result =
      open_ldap_source(slapd().ldap_url(), options, [&](const LoadProgress& p) {
        progress.push_back(p);
      })->load();
  EXPECT_GE(slapd().counts().gal, 5000u);
  EXPECT_EQ(result.snapshot->entries().size(), slapd().counts().gal);
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_GE(progress.size(), 10u);
  EXPECT_EQ(progress.front().entries, 500u);
  EXPECT_EQ(progress.back().pages, progress.size());
  EXPECT_EQ(progress.back().entries, slapd().counts().gal);
}

TEST_F(LdapSource, LeavesOutWhatTheGalFilterExcludes) {
  const LoadResult result = open_ldap_source(slapd().ldap_url(), service_account(), {})->load();
  // Hidden from address lists, and a mail attribute without a mailbox (no mailNickname).
  EXPECT_EQ(named(*result.snapshot, "Löner Skärholmen"), nullptr);
  EXPECT_EQ(named(*result.snapshot, "Användare 000016"), nullptr);
  EXPECT_EQ(named(*result.snapshot, "Användare 000017"), nullptr);
  for (const auto& e : result.snapshot->entries())
    EXPECT_FALSE(e.hidden) << e.display_name;
  // Every kind the GAL holds is there.
  const rules::Entry* room = named(*result.snapshot, "Rum 000015");
  ASSERT_NE(room, nullptr);
  EXPECT_EQ(room->kind, rules::EntryKind::room);
  const rules::Entry* group = named(*result.snapshot, "Grupp 000013");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->kind, rules::EntryKind::group);
  const rules::Entry* shared = named(*result.snapshot, "Funktionsbrevlåda 000014");
  ASSERT_NE(shared, nullptr);
  EXPECT_EQ(shared->kind, rules::EntryKind::shared);
}

TEST_F(LdapSource, MapsTheReferenceEntryExactly) {
  const LoadResult result = open_ldap_source(slapd().ldap_url(), service_account(), {})->load();
  const rules::Entry* rogue = named(*result.snapshot, "Service Desk 33900");
  ASSERT_NE(rogue, nullptr);
  EXPECT_EQ(rogue->id, ad::kRogueGuid);
  EXPECT_EQ(rogue->kind, rules::EntryKind::contact);
  EXPECT_EQ(rogue->primary, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue->target, "m.exempel@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(rogue->proxies, std::vector<std::string>{"m.exempel@elevstockholm.onmicrosoft.com"});
  EXPECT_EQ(rogue->changed_at, "2021-03-22T16:05:00Z");
  EXPECT_FALSE(rogue->hidden);
  // slapd spells attribute types in the DN its own way (cn=, ou=).
  EXPECT_EQ(lower(rogue->source),
            lower(slapd().ldap_url() + "/CN=Service Desk 33900,OU=Contacts,DC=stockholm,DC=se"));
  const rules::Entry* anna = named(*result.snapshot, "Andersson, Anna");
  ASSERT_NE(anna, nullptr);
  EXPECT_EQ(anna->proxies,
            (std::vector<std::string>{"anna.andersson@stockholm.se", "a.andersson@stockholm.se"}));
  const rules::Entry* dso = named(*result.snapshot, "Dataskyddsombud Skärholmen");
  ASSERT_NE(dso, nullptr);
  EXPECT_EQ(dso->kind, rules::EntryKind::shared);
}

TEST_F(LdapSource, StartTlsWithCaFile) {
  LdapOptions options = service_account();
  options.starttls = true;
  options.ca_file = slapd().ca_file();
  EXPECT_EQ(open_ldap_source(slapd().ldap_url(), options, {})->load().snapshot->entries().size(),
            slapd().counts().gal);
}

TEST_F(LdapSource, Ldaps) {
  LdapOptions options = service_account();
  options.ca_file = slapd().ca_file();
  EXPECT_EQ(open_ldap_source(slapd().ldaps_url(), options, {})->load().snapshot->entries().size(),
            slapd().counts().gal);
}

TEST_F(LdapSource, UntrustedCertificateIsATlsError) {
  LdapOptions options = service_account();
  options.ca_file = slapd().other_ca_file();
  const std::string ldaps = load_error(slapd().ldaps_url(), options);
  EXPECT_NE(ldaps.find("TLS failed"), std::string::npos) << ldaps;
  EXPECT_NE(ldaps.find("ca_file"), std::string::npos) << ldaps;
  options.starttls = true;
  const std::string starttls = load_error(slapd().ldap_url(), options);
  EXPECT_NE(starttls.find("TLS failed: the server's certificate was not accepted"),
            std::string::npos)
      << starttls;
}

TEST_F(LdapSource, WrongPasswordIsRefused) {
  LdapOptions options = service_account();
  setenv("GALGUARD_TEST_LDAP_PASSWORD", "not the password", 1);
  const std::string error = load_error(slapd().ldap_url(), options);
  EXPECT_NE(error.find("bind refused for " + std::string(ad::kServiceDn)), std::string::npos)
      << error;
  EXPECT_NE(lower(error).find("invalid credentials (49)"), std::string::npos) << error;
  EXPECT_EQ(error.find("not the password"), std::string::npos) << error;
}

TEST_F(LdapSource, PasswordFromFile) {
  LdapOptions options = service_account();
  options.password_env = "GALGUARD_TEST_UNSET_VARIABLE";
  options.password_file = slapd().dir() + "/password";
  std::ofstream(options.password_file) << ad::kServicePassword << "\n";
  EXPECT_EQ(open_ldap_source(slapd().ldap_url(), options, {})->load().snapshot->entries().size(),
            slapd().counts().gal);
  options.password_file = slapd().dir() + "/no-such-file";
  EXPECT_NE(load_error(slapd().ldap_url(), options).find("cannot read password_file"),
            std::string::npos);
}

TEST_F(LdapSource, AnonymousSearchIsRefused) {
  const std::string error = load_error(slapd().ldap_url(), LdapOptions{});
  EXPECT_FALSE(error.empty());
  EXPECT_NE(error.find(slapd().ldap_url()), std::string::npos) << error;
}

TEST_F(LdapSource, UnreachableServer) {
  const std::string url = "ldap://127.0.0.1:" + std::to_string(testing::free_port());
  const std::string error = load_error(url, service_account());
  EXPECT_NE(error.find(url + ": cannot connect: Can't contact LDAP server (-1)"), std::string::npos)
      << error;
  const std::string ldaps = "ldaps://127.0.0.1:" + std::to_string(testing::free_port());
  EXPECT_NE(load_error(ldaps, service_account()).find(ldaps + ": cannot connect"),
            std::string::npos);
}

TEST_F(LdapSource, SaslExternalOverLdapi) {
  LdapOptions options;
  options.bind = "external";
  EXPECT_EQ(open_ldap_source(slapd().ldapi_url(), options, {})->load().snapshot->entries().size(),
            slapd().counts().gal);
}

TEST_F(LdapSource, SaslExternalWithClientCertificate) {
  LdapOptions options;
  options.bind = "external";
  options.ca_file = slapd().ca_file();
  options.client_certificate = slapd().client_certificate();
  options.client_key = slapd().client_key();
  EXPECT_EQ(open_ldap_source(slapd().ldaps_url(), options, {})->load().snapshot->entries().size(),
            slapd().counts().gal);
  // Without the certificate there is no identity to bind as.
  options.client_certificate.clear();
  options.client_key.clear();
  EXPECT_NE(load_error(slapd().ldaps_url(), options).find("bind refused for SASL EXTERNAL"),
            std::string::npos);
}

TEST_F(LdapSource, UrlBaseFilterAndBindname) {
  setenv("GALGUARD_LDAP_PASSWORD", std::string(ad::kServicePassword).c_str(), 1);
  const std::string url =
      slapd().ldap_url() +
      "/OU=Contacts,DC=stockholm,DC=se???"
      "(mail=*fujitsu.com)"
      "?bindname=CN%3Dgalguard-svc%2COU%3DService%20Accounts%2CDC%3Dstockholm%2CDC%3Dse";
  const auto source = open_ldap_source(url, LdapOptions{}, {});
  EXPECT_EQ(source->describe(), url);
  const LoadResult result = source->load();
  ASSERT_EQ(result.snapshot->entries().size(), 1u);
  EXPECT_EQ(result.snapshot->entries()[0].display_name, "Servicedesk Fujitsu");
  unsetenv("GALGUARD_LDAP_PASSWORD");
  EXPECT_NE(load_error(url, LdapOptions{}).find("GALGUARD_LDAP_PASSWORD"), std::string::npos);
}

TEST_F(LdapSource, NothingMatchingIsAnError) {
  LdapOptions options = service_account();
  options.filter = "(mail=nobody@nowhere.example)";
  EXPECT_NE(load_error(slapd().ldap_url(), options).find("no directory entry"), std::string::npos);
}

// Its own server: this one is killed.
TEST(LdapSourceKilled, ServerGoneMidSearchGivesNoSnapshot) {
  if (const std::string why = testing::slapd_unavailable(); !why.empty()) GTEST_SKIP() << why;
  Slapd slapd;
  LdapOptions options = service_account();
  options.page_size = 500;
  options.timeout = std::chrono::seconds(5);
  std::size_t pages = 0;
  const std::string error = load_error(slapd.ldap_url(), options, [&](const LoadProgress& p) {
    if (++pages == 1) slapd.kill();
    EXPECT_LE(p.pages, 1u);
  });
  EXPECT_NE(error.find("connection lost after 500 entries (page 2)"), std::string::npos) << error;
  if (HasFailure()) std::cerr << slapd.log_tail();
}

}  // namespace
}  // namespace galguard::directory
