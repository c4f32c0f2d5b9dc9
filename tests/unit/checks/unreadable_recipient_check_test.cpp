// unreadable-recipient: one high finding per recipient header the message view could not read
// completely, with the reason and the raw header (escaped) in words a sender understands.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "rules/checks/check_table.hpp"
#include "rules/checks/verdict.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::rules {
namespace {

std::vector<Finding> run(const MessageView& view) {
  std::vector<Finding> out;
  const Snapshot directory;
  const Policy policy = default_policy();
  const Grounds grounds{directory, policy};
  detail::check_unreadable_recipients({view, {}, grounds}, out);
  return out;
}

MessageView parsed(const std::string& headers) {
  return parse_message("From: Anna Andersson <anna.andersson@stockholm.se>\r\n" + headers +
                       "Subject: test\r\n\r\nHej.\r\n");
}

TEST(UnreadableRecipientCheck, OneHighFindingPerUnreadableHeader) {
  const struct {
    const char* what;
    std::string headers;
    std::vector<std::string> headers_flagged;
    std::string in_explanation;
  } cases[] = {
      {"unclosed comment hides a student mailbox",
       "To: Service Desk (33900 <m.exempel@elevstockholm.onmicrosoft.com>\r\n",
       {"To"},
       "The To header cannot be read into addresses completely (a comment '(' that is not "
       "closed)"},
      {"raw header shown escaped",
       "Cc: anna@stockholm.se,\x1b[8m evil@elev.example\r\n",
       {"Cc"},
       "As written: Cc: anna@stockholm.se,\\x1B[8m evil@elev.example"},
      {"two headers, two findings", "To: <a@stockholm.se\r\nBcc: evil\r\n", {"To", "Bcc"}, "'<'"},
      {"Resent-Bcc",
       "Resent-Bcc: \"open <x@elev.example>\r\n",
       {"Resent-Bcc"},
       "quoted name that is not closed"},
      {"clean headers give nothing",
       "To: \"Johansson, Erik\" <erik@stockholm.se>, undisclosed-recipients:;\r\n",
       {},
       ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto findings = run(parsed(c.headers));
    ASSERT_EQ(findings.size(), c.headers_flagged.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
      EXPECT_EQ(findings[i].code, "unreadable-recipient");
      EXPECT_EQ(findings[i].severity, Severity::high);
      EXPECT_EQ(findings[i].header, c.headers_flagged[i]);
    }
    if (!findings.empty()) {
      EXPECT_NE(findings[0].explanation.find(c.in_explanation), std::string::npos)
          << findings[0].explanation;
    }
  }
}

TEST(UnreadableRecipientCheck, BuiltByHandAsWell) {
  MessageView view;
  view.unreadable_recipients.push_back(
      {"To", "\"Anna <a@b.se>", "a quoted name that is not closed"});
  const auto findings = run(view);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].explanation,
            "The To header cannot be read into addresses completely (a quoted name that is not "
            "closed), so galguard cannot check every recipient it names; correct the recipients "
            "and send the message again. As written: To: \"Anna <a@b.se>");
  EXPECT_TRUE(findings[0].address.empty());
}

TEST(UnreadableRecipientCheck, InTheCatalogueAsAMessageCheck) {
  const auto catalog = check_catalog();
  const auto found = std::find_if(catalog.begin(), catalog.end(), [](const CheckInfo& c) {
    return c.code == "unreadable-recipient";
  });
  ASSERT_NE(found, catalog.end());
  EXPECT_EQ(found->severity, Severity::high);
  EXPECT_EQ(detail::find_check("unreadable-recipient").severity, Severity::high);
  // Run once per message, never per recipient.
  const auto per_recipient = detail::recipient_checks();
  EXPECT_TRUE(std::none_of(per_recipient.begin(), per_recipient.end(), [](const detail::Check& c) {
    return c.info.code == "unreadable-recipient";
  }));
  const auto per_message = detail::message_checks();
  ASSERT_FALSE(per_message.empty());
  EXPECT_EQ(per_message[0].run, &detail::check_unreadable_recipients);
}

}  // namespace
}  // namespace galguard::rules
