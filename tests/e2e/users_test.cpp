// `galguard users add|list|passwd|remove`: the review UI's accounts as the gateway's
// administrator manages them, the password from a pipe or a file and never shown again.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <regex>
#include <string>

#include "tests/e2e/quarantine_fixture.hpp"

namespace galguard::e2e {
namespace {

constexpr const char* kPassword = "correct horse battery staple";

class UsersCli : public QuarantineFixture {
 protected:
  // The accounts live in the quarantine database; most tests start from one with a message.
  void SetUp() override {
    QuarantineFixture::SetUp();
    if (HasFatalFailure()) return;
    seed();
  }

  CliRun users(const std::string& arguments) {
    return galguard("users " + arguments + " --config " + config_);
  }

  // `galguard users ARGUMENTS < INPUT`: standard input is not a terminal, as in a script.
  CliRun users_piped(const std::string& input, const std::string& arguments) {
    write_file(dir_ + "/stdin.txt", input);
    return galguard("users " + arguments + " --config " + config_, dir_ + "/stdin.txt");
  }

  std::string password_file(const std::string& name, const std::string& content) {
    const std::string path = dir_ + "/" + name;
    write_file(path, content);
    return path;
  }

  // How many rows `quarantine verify` found in the action log (-1 when it did not say).
  int log_rows() {
    CliRun run = galguard("quarantine verify --config " + config_);
    std::smatch m;
    if (run.exit_code != 0 || !std::regex_search(run.out, m, std::regex("intact, (\\d+) rows")))
      return -1;
    return std::stoi(m[1]);
  }

  // The `users list` row of NAME with ROLE, or "" when there is none.
  std::string row_of(const std::string& list, const std::string& name) {
    std::smatch m;
    if (!std::regex_search(list, m, std::regex("(^|\n)(" + name + " +[a-z]+ +[^\n]*)\n")))
      return "";
    return m[2];
  }
};

const std::regex kAddedAt(" \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");

TEST_F(UsersCli, AddWithThePasswordOnAPipe) {
  CliRun empty = users("list");
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(empty.out, "no users (add one with `galguard users add NAME --role dpo`)\n");

  CliRun run = users_piped(std::string(kPassword) + "\n", "add anna --role dpo --actor root");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "added anna (dpo)\n");
  EXPECT_EQ(run.out.find(kPassword), std::string::npos);

  CliRun list = users("list");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.rfind("NAME", 0), 0U) << list.out;
  const std::string row = row_of(list.out, "anna");
  ASSERT_NE(row, "") << list.out;
  EXPECT_TRUE(std::regex_search(row, std::regex("^anna +dpo +"))) << row;
  EXPECT_TRUE(std::regex_search(row, kAddedAt)) << row;
  EXPECT_EQ(list.out.find("$argon2id"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("argon2"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find(kPassword), std::string::npos) << list.out;
}

// On a terminal the password is asked for twice and not echoed. answer_on_tty.py types each
// answer once its prompt shows, as a person would.
TEST_F(UsersCli, OnATerminalThePasswordIsAskedTwiceWithoutEcho) {
  const std::string tty =
      std::string("python3 ") + GALGUARD_SOURCE_DIR + "/tests/e2e/answer_on_tty.py";
  const std::string pw = std::string("'") + kPassword + "'";
  const std::string add = std::string(" -- ") + GALGUARD_BINARY + " users add ";
  CliRun typed = run_shell(tty + " 'New password:' " + pw + " 'Again:' " + pw + add +
                           "anna --role dpo --config " + config_);
  EXPECT_EQ(typed.exit_code, 0) << typed.out << typed.err;
  EXPECT_NE(typed.out.find("New password:"), std::string::npos) << typed.out;
  EXPECT_NE(typed.out.find("Again:"), std::string::npos) << typed.out;
  EXPECT_NE(typed.out.find("added anna (dpo)"), std::string::npos) << typed.out;
  EXPECT_EQ(typed.out.find(kPassword), std::string::npos) << "echoed: " << typed.out;

  CliRun typo = run_shell(tty + " 'New password:' " + pw + " 'Again:' 'something else entirely'" +
                          add + "bo --role dpo --config " + config_);
  EXPECT_EQ(typo.exit_code, 2) << typo.out;
  EXPECT_NE(typo.out.find("the passwords differ"), std::string::npos) << typo.out;
  EXPECT_EQ(row_of(users("list").out, "bo"), "");
}

TEST_F(UsersCli, AddWithAPasswordFileUsesItsFirstLine) {
  const std::string file = password_file("pw", "another good password\nnot this line\n");
  CliRun run = users("add bo --role viewer --password-file " + file);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "added bo (viewer)\n");
  CliRun list = users("list");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(std::regex_search(row_of(list.out, "bo"), std::regex("^bo +viewer +"))) << list.out;
  EXPECT_EQ(list.out.find("$argon2id"), std::string::npos) << list.out;

  CliRun missing = users("add cy --role dpo --password-file " + dir_ + "/no-such-file");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read the password file"), std::string::npos) << missing.err;
  EXPECT_EQ(row_of(users("list").out, "cy"), "");
}

TEST_F(UsersCli, ATooShortPasswordIsRefusedWithTheRule) {
  CliRun piped = users_piped("elevenchars\n", "add anna --role dpo");
  EXPECT_EQ(piped.exit_code, 2);
  EXPECT_EQ(piped.out, "");
  EXPECT_EQ(piped.err,
            "galguard users: error: password refused: a password needs at least 12 characters\n");

  CliRun from_file = users("add anna --role dpo --password-file " + password_file("pw", "short\n"));
  EXPECT_EQ(from_file.exit_code, 2);
  EXPECT_NE(from_file.err.find("at least 12 characters"), std::string::npos) << from_file.err;

  CliRun empty = users_piped("", "add anna --role dpo");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("at least 12 characters"), std::string::npos) << empty.err;

  EXPECT_EQ(users("list").out, "no users (add one with `galguard users add NAME --role dpo`)\n");

  // Exactly 12 is enough.
  CliRun twelve = users_piped("twelve chars\n", "add anna --role dpo");
  EXPECT_EQ(twelve.exit_code, 0) << twelve.err;
}

TEST_F(UsersCli, ANameIsTakenOnce) {
  ASSERT_EQ(users_piped(std::string(kPassword) + "\n", "add anna --role dpo").exit_code, 0);
  CliRun again = users_piped("a different password\n", "add anna --role viewer");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(again.err, "galguard users: error: user anna already exists\n");
  // Still the one account, still a dpo.
  const std::string list = users("list").out;
  EXPECT_TRUE(std::regex_search(row_of(list, "anna"), std::regex("^anna +dpo +"))) << list;
  EXPECT_EQ(list.find("viewer"), std::string::npos) << list;
}

TEST_F(UsersCli, AnUnknownOrMissingRoleIsAnError) {
  CliRun bad = users_piped(std::string(kPassword) + "\n", "add anna --role admin");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err, "galguard users: error: unknown --role 'admin' (dpo or viewer)\n");

  CliRun missing = users_piped(std::string(kPassword) + "\n", "add anna");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--role"), std::string::npos) << missing.err;

  EXPECT_EQ(users("list").out, "no users (add one with `galguard users add NAME --role dpo`)\n");
}

TEST_F(UsersCli, PasswdSetsANewPasswordUnderTheSameRules) {
  ASSERT_EQ(users_piped(std::string(kPassword) + "\n", "add anna --role dpo").exit_code, 0);
  const int rows_after_add = log_rows();
  ASSERT_GT(rows_after_add, 0);

  CliRun from_file =
      users("passwd anna --password-file " + password_file("new", "a brand new passphrase\n"));
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(from_file.out, "password of anna changed\n");

  CliRun piped = users_piped("yet another passphrase\n", "passwd anna");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, "password of anna changed\n");

  CliRun weak = users("passwd anna --password-file " + password_file("weak", "tooshort\n"));
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("password refused: a password needs at least 12 characters"),
            std::string::npos)
      << weak.err;

  // Each change is one row of the action log; the refused one added none.
  EXPECT_EQ(log_rows(), rows_after_add + 2);

  CliRun unknown = users("passwd nobody --password-file " + dir_ + "/new");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "galguard users: error: no user named nobody\n");

  // The account itself is unchanged.
  const std::string list = users("list").out;
  EXPECT_TRUE(std::regex_search(row_of(list, "anna"), std::regex("^anna +dpo +"))) << list;
  EXPECT_EQ(list.find("$argon2id"), std::string::npos) << list;
}

TEST_F(UsersCli, RemoveOnceThenItIsGone) {
  ASSERT_EQ(users_piped(std::string(kPassword) + "\n", "add anna --role dpo").exit_code, 0);
  ASSERT_EQ(users_piped(std::string(kPassword) + "\n", "add bo --role viewer").exit_code, 0);
  const int rows = log_rows();

  CliRun run = users("remove bo --actor anna");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "removed bo\n");
  const std::string list = users("list").out;
  EXPECT_EQ(row_of(list, "bo"), "") << list;
  EXPECT_NE(row_of(list, "anna"), "") << list;

  CliRun again = users("remove bo");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(again.err, "galguard users: error: no user named bo\n");
  EXPECT_EQ(log_rows(), rows + 1);  // the removal is logged, the failed second one is not

  CliRun passwd = users("passwd bo --password-file " + password_file("pw", kPassword));
  EXPECT_EQ(passwd.exit_code, 2);

  // The name is free again.
  CliRun re_add = users_piped(std::string(kPassword) + "\n", "add bo --role dpo");
  EXPECT_EQ(re_add.exit_code, 0) << re_add.err;
  EXPECT_TRUE(std::regex_search(row_of(users("list").out, "bo"), std::regex("^bo +dpo +")));
}

TEST_F(UsersCli, AccountsAreKeptInTheConfiguredDatabase) {
  ASSERT_EQ(users_piped(std::string(kPassword) + "\n", "add anna --role dpo").exit_code, 0);
  // Another database (another config) does not have her.
  const std::string other = dir_ + "/other.toml";
  const std::string other_db = dir_ + "/other.db";
  write_file(other, "[quarantine]\ndatabase = \"" + other_db + "\"\n");
  const std::string held = run_output(std::string(GALGUARD_SEED_QUARANTINE) + " " + other_db + " " +
                                      dir_ + "/raw.eml " + dir_ + "/verdict.json " +
                                      std::to_string(kReceived) + " " + kSender + " " + kRecipient);
  ASSERT_EQ(held.size(), 17U) << held;
  CliRun elsewhere = galguard("users list --config " + other);
  ASSERT_EQ(elsewhere.exit_code, 0) << elsewhere.err;
  EXPECT_EQ(elsewhere.out, "no users (add one with `galguard users add NAME --role dpo`)\n");
  EXPECT_NE(row_of(users("list").out, "anna"), "");
}

// Setting up comes first: the first account creates the database (and its folder), where
// the other commands refuse a missing one.
TEST_F(UsersCli, TheFirstAccountCreatesTheDatabase) {
  const std::string fresh = dir_ + "/fresh.toml";
  const std::string db = dir_ + "/new/var/quarantine.db";
  write_file(fresh, "[quarantine]\ndatabase = \"" + db + "\"\n");
  EXPECT_EQ(galguard("users list --config " + fresh).exit_code, 2);
  write_file(dir_ + "/first.txt", std::string(kPassword) + "\n");
  CliRun add = galguard("users add anna --role dpo --password-file " + dir_ +
                        "/first.txt --config " + fresh);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  CliRun list = galguard("users list --config " + fresh);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(row_of(list.out, "anna"), "");
}

TEST_F(UsersCli, BadNamesAreRefused) {
  CliRun too_long =
      users_piped(std::string(kPassword) + "\n", "add " + std::string(129, 'a') + " --role dpo");
  EXPECT_EQ(too_long.exit_code, 2);
  EXPECT_NE(too_long.err.find("at most 128 printable characters"), std::string::npos)
      << too_long.err;
  CliRun blank = users_piped(std::string(kPassword) + "\n", "add '  ' --role dpo");
  EXPECT_EQ(blank.exit_code, 2);
  EXPECT_NE(blank.err.find("the account name is empty"), std::string::npos) << blank.err;
  EXPECT_EQ(users("list").out, "no users (add one with `galguard users add NAME --role dpo`)\n");
}

}  // namespace
}  // namespace galguard::e2e
