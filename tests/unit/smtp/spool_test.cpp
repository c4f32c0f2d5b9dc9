#include "gateway/smtp/spool.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace galguard::smtp {
namespace {

std::filesystem::path fresh_dir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("galguard-spool-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

TEST(Spool, SmallMessagesStayInMemory) {
  Spool spool({fresh_dir().string(), 1024});
  spool.append("Subject: hi\r\n");
  spool.append("\r\nbody\r\n");
  EXPECT_FALSE(spool.on_disk());
  EXPECT_EQ(spool.view(), "Subject: hi\r\n\r\nbody\r\n");
}

TEST(Spool, ALargeMessageMovesToAnUnnamedFileAndReadsBackWhole) {
  const auto dir = fresh_dir();
  Spool spool({dir.string(), 1024});
  std::string expected;
  for (int i = 0; i < 5000; ++i) {
    std::string line = "line " + std::to_string(i) + " of a message that is larger than memory\r\n";
    spool.append(line);
    expected += line;
  }
  EXPECT_TRUE(spool.on_disk());
  EXPECT_EQ(spool.size(), expected.size());
  EXPECT_EQ(spool.view(), expected);
  // Unnamed: nothing to leak or clean up in the spool directory.
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  spool.clear();
  EXPECT_FALSE(spool.on_disk());
  spool.append("next");
  EXPECT_EQ(spool.view(), "next");
  std::filesystem::remove_all(dir);
}

TEST(Spool, AppendAfterViewKeepsEverything) {
  Spool spool({fresh_dir().string(), 16});
  spool.append(std::string(40, 'x'));
  EXPECT_EQ(spool.view().size(), 40u);
  spool.append("tail");
  EXPECT_EQ(spool.view(), std::string(40, 'x') + "tail");
}

TEST(Spool, AnUnusableSpoolDirectoryIsAnErrorNotALoss) {
  Spool spool({"/proc/galguard-cannot-be-here", 4});
  EXPECT_THROW(spool.append("more than four bytes"), std::exception);
}

}  // namespace
}  // namespace galguard::smtp
