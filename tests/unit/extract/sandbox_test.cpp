// The attachment reader in its child process: what a DPO sees when a file makes the reader
// loop, crash, eat memory or flood its output — the other files are still read, the message is
// still judged, and the gateway process is untouched.
#include "extract/sandbox.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/detectors/personal_data.hpp"

namespace galguard::extract {
namespace {

rules::Attachment file(std::string name, std::string content) {
  rules::Attachment a;
  a.name = std::move(name);
  a.content = std::move(content);
  a.why = "not read";
  return a;
}

Sandbox test_sandbox() {
  Sandbox sandbox{{GALGUARD_TEST_WORKER}, Limits{}};
  sandbox.limits.child_wall_time = std::chrono::seconds(5);
  sandbox.limits.child_cpu_time = std::chrono::seconds(2);
  sandbox.limits.child_memory_bytes = 512 * 1024 * 1024;
  return sandbox;
}

const std::string kCsv = "namn;personnummer\nTolvan;19121212-1212\n";

TEST(Sandbox, FilesAreReadInTheChildAndCountAsTheirOwn) {
  rules::MessageView view;
  view.attachments = {file("elever.csv", kCsv), file("tom.txt", "inget här\n")};
  read_attachments_sandboxed(view, test_sandbox());
  ASSERT_EQ(view.attachments.size(), 2u);
  EXPECT_TRUE(view.attachments[0].inspected);
  EXPECT_EQ(view.attachments[0].type, "csv");
  EXPECT_EQ(view.attachments[0].why, "");
  EXPECT_TRUE(view.attachments[0].content.empty());
  const rules::PersonalData pd = rules::detect_personal_data(view, rules::kNoFutureCheck);
  EXPECT_EQ(pd.identity_numbers, 1);
  ASSERT_EQ(pd.attachments.size(), 2u);
  EXPECT_EQ(pd.attachments[0].identity_numbers, 1);
  EXPECT_EQ(pd.attachments[1].identity_numbers, 0);
}

struct Misbehaviour {
  const char* name;
  const char* why;
};

TEST(Sandbox, AReaderThatMisbehavesCostsOnlyItsFile) {
  const Misbehaviour cases[] = {
      {"loop.pdf", "limit: time"},
      {"crash.pdf", "reader failed"},  // (signal 11); a sanitizer build's handler exits instead
      {"flood.pdf", "limit: output"},
  };
  for (const Misbehaviour& c : cases) {
    SCOPED_TRACE(c.name);
    rules::MessageView view;
    view.attachments = {file("före.csv", kCsv), file(c.name, "%PDF-1.4\n"),
                        file("efter.csv", "Personnummer 19800517-1239\n")};
    Sandbox sandbox = test_sandbox();
    sandbox.limits.max_text_bytes = 1024 * 1024;  // so that a flood is seen within seconds
    read_attachments_sandboxed(view, sandbox);
    EXPECT_TRUE(view.attachments[0].inspected);
    EXPECT_FALSE(view.attachments[1].inspected);
    EXPECT_TRUE(view.attachments[1].why.starts_with(c.why)) << view.attachments[1].why;
    // A new reader takes the files after the one that failed.
    EXPECT_TRUE(view.attachments[2].inspected) << view.attachments[2].why;
    EXPECT_EQ(rules::detect_personal_data(view, rules::kNoFutureCheck).identity_numbers, 2);
  }
}

TEST(Sandbox, ALoopIsStoppedByTheCpuLimitBeforeTheDeadline) {
  rules::MessageView view;
  view.attachments = {file("loop.pdf", "%PDF-1.4\n")};
  Sandbox sandbox = test_sandbox();
  sandbox.limits.child_cpu_time = std::chrono::seconds(1);
  sandbox.limits.child_wall_time = std::chrono::seconds(60);
  const auto start = std::chrono::steady_clock::now();
  read_attachments_sandboxed(view, sandbox);
  EXPECT_EQ(view.attachments[0].why, "limit: time");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30))
      << "RLIMIT_CPU, not the wall clock, ended it";
}

TEST(Sandbox, MemoryPastTheLimitEndsTheFileNotTheReader) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer builds run the reader without an address space limit";
#endif
  rules::MessageView view;
  view.attachments = {file("hog.pdf", "%PDF-1.4\n"), file("efter.csv", kCsv)};
  Sandbox sandbox = test_sandbox();
  sandbox.limits.child_memory_bytes = 256 * 1024 * 1024;
  read_attachments_sandboxed(view, sandbox);
  EXPECT_EQ(view.attachments[0].why, "limit: memory");
  EXPECT_TRUE(view.attachments[1].inspected);
}

TEST(Sandbox, AReaderThatCannotStartLeavesEveryFileNotInspected) {
  rules::MessageView view;
  view.attachments = {file("elever.csv", kCsv)};
  read_attachments_sandboxed(view, Sandbox{{"/nonexistent/galguard"}, Limits{}});
  EXPECT_FALSE(view.attachments[0].inspected);
  EXPECT_EQ(view.attachments[0].why.substr(0, 13), "reader failed");
}

TEST(Sandbox, NothingToReadStartsNoChild) {
  rules::MessageView view;
  rules::Attachment read_already;
  read_already.name = "brev.txt";
  read_already.inspected = true;
  view.attachments = {read_already};
  read_attachments_sandboxed(view, Sandbox{{"/nonexistent/galguard"}, Limits{}});
  EXPECT_TRUE(view.attachments[0].inspected) << "no reader was needed, so none failed";
}

}  // namespace
}  // namespace galguard::extract
