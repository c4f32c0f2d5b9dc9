// Hostile and malformed mail must parse (or be refused with InputError) without crashing,
// hanging or leaking; the sanitizer build runs these. Also replays the fuzz corpus, so a crash
// the fuzzer once found stays fixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "fixtures.hpp"
#include "rules/message/message_view.hpp"
#include "rules/text/input_error.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::rules {
namespace {

void expect_parses_or_refuses(const std::string& raw) {
  try {
    const MessageView view = parse_message(raw, 64 * 1024);
    for (const auto& recipient : view.recipients) {
      EXPECT_TRUE(is_valid_utf8(recipient.display_name));
      EXPECT_FALSE(recipient.address.empty());
    }
    for (const auto& block : view.texts)
      EXPECT_TRUE(is_valid_utf8(block.text));
    EXPECT_TRUE(is_valid_utf8(view.subject));
    EXPECT_TRUE(is_valid_utf8(view.from));
  } catch (const InputError&) {
  }
}

std::string nested_multiparts(int depth) {
  std::string raw = "To: a@stockholm.se\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n";
  for (int i = 1; i <= depth; ++i) {
    raw += "--b" + std::to_string(i - 1) + "\r\nContent-Type: multipart/mixed; boundary=b" +
           std::to_string(i) + "\r\n\r\n";
  }
  raw += "--b" + std::to_string(depth) + "\r\nContent-Type: text/plain\r\n\r\ndeep\r\n";
  return raw;
}

std::string nested_forwards(int depth) {
  std::string raw;
  for (int i = 0; i < depth; ++i)
    raw += "Subject: fwd\r\nContent-Type: message/rfc822\r\n\r\n";
  return raw + "Subject: innermost\r\n\r\ntext\r\n";
}

TEST(MessageHostileInput, MalformedHeadersAndStructures) {
  const std::string cases[] = {
      "To:\r\n\r\n",
      "To: ,,,;;;:::<<<>>>@@@\"\"\"((()))\r\n\r\n",
      "To: \"unterminated <a@b.se>\r\n\r\n",
      "To: (unterminated comment <a@b.se>\r\n\r\n",
      "To: =?utf-8?q?broken\r\n\r\n",
      "To: =?x-unknown?q?abc?= <a@b.se>\r\n\r\n",
      "To: =?utf-8?b?!!!!?= <a@b.se>\r\n\r\n",
      "To: G1: G2: a@b.se;;\r\n\r\n",
      "To: <@@@:>\r\n\r\n",
      "To: a@[127.0.0.1], b@[unterminated\r\n\r\n",
      "To: a@xn--, b@xn--zz-\x80.se\r\n\r\n",
      "To: " + std::string(100000, 'a') + "@b.se\r\n\r\n",
      "To: " + std::string(20000, '(') + "\r\n\r\n",
      "Subject: " + std::string(10000, '\xff') + "\r\n\r\n",
      "Content-Type: multipart/mixed\r\n\r\n--\r\n--\r\n",
      "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n\r\n--\r\n",
      "Content-Type: text/plain; charset=\"\r\n\r\nx\r\n",
      "Content-Type: text/html\r\n\r\n<<<<&&&&;;;&#99999999999999;&#x;&#;<!--",
      "Content-Type: text/html\r\n\r\n<script>never closed",
      "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!====\r\n",
      "Content-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 f\r\n",
      "Content-Type: message/rfc822\r\n\r\n",
      "Content-Type: message/rfc822\r\n\r\nnot a header\r\n",
      "Content-Disposition: attachment; filename*0*=utf-8''%FF%FE; filename*1=x\r\n\r\n",
      "Content-Type: text/plain; name*=iso-8859-1''%E4%\r\n\r\nx",
      std::string("To: a@b.se\r\n\r\n\0\0\0", 17),
      nested_multiparts(2000),
      nested_forwards(300),
  };
  for (const auto& raw : cases) {
    SCOPED_TRACE(raw.substr(0, 60));
    expect_parses_or_refuses(raw);
  }
}

// GMime copies RFC 2047 and RFC 2231 charset names onto the stack; without the line cap each
// of these overflows an 8 MiB stack inside g_mime_parser_construct_message.
TEST(MessageHostileInput, HugeHeaderFieldsDoNotOverflowTheStack) {
  const std::string big(12u << 20, 'a');
  std::string folded;
  for (std::size_t i = 0; i < (12u << 20) / 73; ++i)
    folded += std::string(70, 'a') + "\r\n ";
  const std::string cases[] = {
      "To: =?" + big + "?q?x?= <a@b.se>\r\n\r\nbody\r\n",
      "To: a@b.se\r\nSubject: =?" + big + "?q?x?=\r\n\r\nbody\r\n",
      "To: a@b.se\r\nContent-Type: text/plain; charset=" + big + "\r\n\r\nbody\r\n",
      "To: a@b.se\r\nContent-Type: text/plain; name*=" + big + "'en'x\r\n\r\nbody\r\n",
      "To: a@b.se\r\nContent-Type: text/plain; name*=\"" + folded + "'en'x\"\r\n\r\nbody\r\n",
      "To: a@b.se\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
      "Content-Disposition: attachment; filename*0*=" +
          big + "'en'x\r\n\r\nbody\r\n--b--\r\n",
  };
  for (const auto& raw : cases) {
    const MessageView view = parse_message(raw);
    EXPECT_FALSE(view.recipients.empty());
  }
}

// GMime parses a group inside a group by recursion, one level per ':'.
TEST(MessageHostileInput, DeeplyNestedGroupsDoNotOverflowTheStack) {
  std::string groups;
  for (int i = 0; i < 200000; ++i)
    groups += "g:";
  const std::string semicolons(200000, ';');
  const std::string fields[] = {"To", "Cc", "From", "Sender", "Reply-To", "Resent-Cc"};
  for (const auto& field : fields) {
    SCOPED_TRACE(field);
    expect_parses_or_refuses(field + ": " + groups + "a@b.se" + semicolons + "\r\n\r\nx\r\n");
  }
  // Inside a forwarded message, whose headers GMime parses as well.
  expect_parses_or_refuses("To: a@b.se\r\nContent-Type: message/rfc822\r\n\r\nTo: " + groups +
                           "a@b.se\r\n\r\nx\r\n");
  // A group at the depth the guard still allows parses normally.
  std::string allowed = "To: ";
  for (int i = 0; i < 200; ++i)
    allowed += "g:";
  const MessageView view =
      parse_message(allowed + "a@b.se" + std::string(200, ';') + "\r\n\r\nx\r\n");
  ASSERT_EQ(view.recipients.size(), 1u);
  EXPECT_EQ(view.recipients[0].address, "a@b.se");
}

TEST(MessageHostileInput, DeepNestingStillFindsText) {
  const MessageView view = parse_message(nested_multiparts(50));
  ASSERT_FALSE(view.texts.empty());
  EXPECT_EQ(view.texts.back().text, "deep\r\n");
}

TEST(MessageHostileInput, ParsesConcurrently) {
  const std::string raw = testing::fixture("multipart-html-attachment.eml");
  const MessageView want = parse_message(raw);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const MessageView got = parse_message(raw);
        if (got.texts.size() != want.texts.size() ||
            got.recipients.size() != want.recipients.size()) {
          ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (int count : mismatches)
    EXPECT_EQ(count, 0);
}

TEST(MessageHostileInput, FuzzCorpusReplays) {
  const std::filesystem::path corpus =
      std::filesystem::path(GALGUARD_SOURCE_DIR) / "tests/fuzz/corpus/message";
  ASSERT_TRUE(std::filesystem::is_directory(corpus));
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    SCOPED_TRACE(entry.path().filename().string());
    expect_parses_or_refuses(testing::read_file(entry.path().string()));
    ++files;
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace galguard::rules
