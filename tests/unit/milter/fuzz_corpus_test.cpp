// Replays the milter fuzz corpus (seeds and any crash reproducers kept there) as an ordinary
// test, the way fuzz_milter reads it: the first byte sets the read size.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "gateway/milter/packet.hpp"
#include "gateway/milter/protocol.hpp"

namespace galguard::milter {
namespace {

struct Outcome {
  int commands = 0, errors = 0;
  std::string stream_error;
};

Outcome replay(std::string_view input) {
  Outcome outcome;
  if (input.empty()) return outcome;
  PacketReader reader(4096);  // fuzz_milter's limit
  const std::size_t chunk = 1 + static_cast<unsigned char>(input[0]) % 64;
  input.remove_prefix(1);
  while (!input.empty() && !reader.failed()) {
    reader.feed(input.substr(0, chunk));
    input.remove_prefix(std::min(chunk, input.size()));
    EXPECT_LE(reader.buffered(), 4 + 4096 + chunk);
    while (auto packet = reader.next()) {
      if (std::holds_alternative<Command>(decode(*packet)))
        ++outcome.commands;
      else
        ++outcome.errors;
    }
  }
  outcome.stream_error = reader.error();
  return outcome;
}

TEST(FuzzCorpus, MilterSeedsDecodeAsExpected) {
  const std::filesystem::path dir =
      std::filesystem::path(GALGUARD_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "milter";
  std::map<std::string, Outcome> outcomes;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(f.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    outcomes[f.path().filename().string()] = replay(bytes.str());
  }
  ASSERT_TRUE(outcomes.contains("session.bin"));
  EXPECT_EQ(outcomes["session.bin"].commands, 20);
  EXPECT_EQ(outcomes["session.bin"].errors, 0);
  EXPECT_EQ(outcomes["session-bytewise.bin"].commands, 20);
  EXPECT_EQ(outcomes["connect-families.bin"].commands, 4);
  EXPECT_EQ(outcomes["malformed.bin"].errors, 7);
  EXPECT_EQ(outcomes["oversize.bin"].stream_error,
            "milter packet of 70000 bytes exceeds the limit of 4096");
  EXPECT_EQ(outcomes["zero-length.bin"].stream_error,
            "milter packet of length 0 has no command byte");
}

}  // namespace
}  // namespace galguard::milter
