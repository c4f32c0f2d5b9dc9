// `galguard config check` as an operator runs it: the sample config from the project root, a
// broken config, and no config at all (the embedded defaults).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/e2e/run_galguard.hpp"

namespace galguard::e2e {
namespace {

// The sample and the defaults name samples/... relative to the working directory, as an
// operator's config names /etc/...: run from the project root.
class ConfigCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = std::filesystem::current_path();
    std::filesystem::current_path(GALGUARD_SOURCE_DIR);
  }
  void TearDown() override {
    std::filesystem::current_path(previous_);
    for (const auto& file : written_)
      std::filesystem::remove(file);
  }

  std::string write_config(const std::string& text) {
    const std::string path = std::filesystem::temp_directory_path() /
                             ("galguard-e2e-config-" + std::to_string(::getpid()) + "-" +
                              std::to_string(written_.size()) + ".toml");
    std::ofstream(path) << text;
    written_.push_back(path);
    return path;
  }

 private:
  std::filesystem::path previous_;
  std::vector<std::string> written_;
};

TEST_F(ConfigCheck, SampleConfigPassesAndPrintsTheEffectiveValues) {
  CliRun run = galguard("config check --config samples/galguard.toml");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "config OK: samples/galguard.toml\n");
  EXPECT_NE(run.out.find("\n[smtp]\nlisten = [\"127.0.0.1:10025\"]\n"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("\n[relay]\nnext_hop = \"127.0.0.1:10026\"\n"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("# read from: samples/galguard.toml\n"), std::string::npos);
}

TEST_F(ConfigCheck, PrintedValuesAreThemselvesAValidConfig) {
  CliRun first = galguard("config check --config samples/galguard.toml");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string printed = write_config(first.out);
  CliRun second = galguard("config check --config " + printed);
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out.substr(second.out.find("\n[")), first.out.substr(first.out.find("\n[")));
}

TEST_F(ConfigCheck, NoConfigPrintsTheEmbeddedDefaults) {
  CliRun run = galguard("config check");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "config OK: embedded defaults\n");
  EXPECT_NE(run.out.find("# read from: embedded defaults\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("listen = [\"127.0.0.1:10025\"]\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("database = \"var/quarantine.db\"\n"), std::string::npos) << run.out;
}

TEST_F(ConfigCheck, BadValueExits2WithFileAndLine) {
  const std::string path =
      write_config("[smtp]\nlisten = [\"127.0.0.1:10025\"]\n\nmax_line = 512\n");
  CliRun run = galguard("config check --config " + path);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("galguard config: error: " + path +
                              ":4: [smtp] max_line = 512: must "
                              "be at least 1000",
                          0),
            0u)
      << run.err;
}

TEST_F(ConfigCheck, TypoIsAnErrorNotADefault) {
  const std::string path = write_config("[relay]\nnext_hop = \"127.0.0.1:10026\"\nhelo = \"x\"\n");
  CliRun run = galguard("config check --config " + path);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(path + ":3: unknown key \"helo\" in [relay]"), std::string::npos)
      << run.err;
}

TEST_F(ConfigCheck, MissingDirectorySourceNamesTheConfigLine) {
  const std::string path = write_config(
      "[directory]\nsources = [\n  \"samples/gal.ldif\",\n  \"samples/no-such-export.csv\",\n]\n");
  CliRun run = galguard("config check --config " + path);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(path + ":4: [directory] sources: \"samples/no-such-export.csv\" cannot "
                                "be read"),
            std::string::npos)
      << run.err;
}

TEST_F(ConfigCheck, ServerSourcesAreCheckedWithoutAskingTheServer) {
  // Port 1 answers nothing: config check must not try, and must still say what will go wrong.
  const std::string path = write_config(
      "[directory]\nsources = [\"ldap://127.0.0.1:1/DC=stockholm,DC=se\"]\n"
      "[directory.ldap]\nbind_dn = \"CN=galguard,DC=stockholm,DC=se\"\n"
      "password_env = \"GALGUARD_E2E_UNSET_PASSWORD\"\n");
  CliRun run = galguard("config check --config " + path);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find(path + ":2: ldap://127.0.0.1:1/DC=stockholm,DC=se binds as "
                                "\"CN=galguard,DC=stockholm,DC=se\" but there is no password"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("crosses the network in the clear"), std::string::npos) << run.err;
}

TEST_F(ConfigCheck, GraphSourceWithoutAnApplicationIsAnError) {
  const std::string path =
      write_config("[directory]\nsources = [\"graph://contoso.onmicrosoft.com\"]\n");
  CliRun run = galguard("config check --config " + path);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(path + ":2: [directory] sources: graph://contoso.onmicrosoft.com: no "
                                "client_id: set [directory.graph] client_id"),
            std::string::npos)
      << run.err;
}

TEST_F(ConfigCheck, BrokenPolicyIsReportedAtItsOwnLine) {
  const std::string policy = write_config("[organisation]\nname = \"x\"\ninternal_domain = []\n");
  const std::string path = write_config("[directory]\npolicy = \"" + policy + "\"\n");
  CliRun run = galguard("config check --config " + path);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(policy + ":3: unknown key \"internal_domain\""), std::string::npos)
      << run.err;
}

TEST_F(ConfigCheck, MissingConfigFileAndBadActionsExit2) {
  CliRun missing = galguard("config check --config /nonexistent/galguard.toml");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/galguard.toml: cannot open"), std::string::npos)
      << missing.err;

  EXPECT_EQ(galguard("config").exit_code, 2);
  CliRun unknown = galguard("config verify --config samples/galguard.toml");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown action 'verify'"), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.out, "");
}

}  // namespace
}  // namespace galguard::e2e
