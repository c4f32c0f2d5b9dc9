// Inputs that are not mail: a clear InputError with a one-line reason, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "rules/message/message_view.hpp"
#include "rules/text/input_error.hpp"

namespace galguard::rules {
namespace {

TEST(MessageNotAMessage, ThrowsInputErrorWithOneLineReason) {
  struct Case {
    const char* what;
    std::string raw;
    std::string want;  // what() must equal this
  };
  const Case cases[] = {
      {"empty input", "", "not a mail message: empty input"},
      {"plain text file", "Hej!\nDetta är ingen e-post, bara en anteckning.\n",
       "not a mail message: the first line is not a header field (name: value)"},
      {"one word", "hello",
       "not a mail message: the first line is not a header field (name: value)"},
      {"leading blank line hides the headers", "\r\nTo: anna@stockholm.se\r\n\r\nHej.\r\n",
       "not a mail message: the input starts with a blank line, so the header section is empty"},
      {"only blank lines", "\n\n\n",
       "not a mail message: the input starts with a blank line, so the header section is empty"},
      {"binary garbage", std::string("\x00\x01\x02\xff\xfe\x80garbage", 12),
       "not a mail message: binary data, no header section"},
      {"png image", std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16),
       "not a mail message: binary data, no header section"},
      {"header name with space, no colon", "To anna@stockholm.se\r\n\r\nHej.\r\n",
       "not a mail message: the first line is not a header field (name: value)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    try {
      parse_message(c.raw);
      ADD_FAILURE() << "no InputError";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), c.want);
      EXPECT_EQ(e.place(), "");
    }
  }
}

TEST(MessageNotAMessage, ReasonNeverQuotesTheInput) {
  try {
    parse_message("Personnummer 19121212-1212\n");
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).find("1212"), std::string::npos);
  }
}

TEST(MessageNotAMessage, UnusualShapesThatAreStillMessages) {
  EXPECT_EQ(parse_message("To: anna@stockholm.se").recipients.size(), 1u);
  EXPECT_EQ(parse_message("To: anna@stockholm.se\r\n").recipients.size(), 1u);
  EXPECT_EQ(parse_message("X-Only: header\r\n\r\n").recipients.size(), 0u);
  // An mbox "From " line before the headers, as in a saved mailbox.
  EXPECT_EQ(parse_message("From anna@stockholm.se Tue Mar 23 12:42:00 2021\nTo: a@b.se\n\nx\n")
                .recipients.size(),
            1u);
  // A byte order mark from an editor; the first field must still be From.
  const MessageView with_bom = parse_message(
      "\xEF\xBB\xBF"
      "From: Anna <anna@stockholm.se>\r\nTo: a@b.se\r\n\r\nx\r\n");
  EXPECT_EQ(with_bom.from, "Anna <anna@stockholm.se>");
  EXPECT_THROW(parse_message("\xEF\xBB\xBF"), InputError);
}

}  // namespace
}  // namespace galguard::rules
