// The five reference messages of samples/messages/, as the checks will see them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "rules/message/message_view.hpp"

namespace galguard::rules {
namespace {

struct WantRecipient {
  std::string header;
  std::string display_name;
  std::string address;
  std::string address_key;
};

struct SampleCase {
  const char* file;
  std::vector<WantRecipient> recipients;
  std::string subject;
  std::string message_id;
  std::string date;
  std::string body_contains;
};

std::string body_of(const MessageView& view) {
  std::string body;
  for (const auto& block : view.texts) {
    if (block.place == "body") body += block.text;
  }
  return body;
}

TEST(MessageSamples, RecipientsSubjectAndBody) {
  const SampleCase cases[] = {
      {"01-skarholmen-incident.eml",
       {{"To", "Service Desk 33900", "m.exempel@elevstockholm.onmicrosoft.com",
         "m.exempel@elevstockholm.onmicrosoft.com"}},
       "Beställning dubbelkonto för IT-praktikant",
       "20210323124200.1@stockholm.se",
       "Tue, 23 Mar 2021 12:42:00 +0100",
       "Personnummer: 19121212-1212"},
      {"02-internal-reversed-name.eml",
       {{"To", "Anna Andersson", "anna.andersson@stockholm.se", "anna.andersson@stockholm.se"},
        {"Cc", "Johansson, Erik", "erik.johansson@stockholm.se", "erik.johansson@stockholm.se"}},
       "Schema vecka 13",
       "20210324090000.2@stockholm.se",
       "Wed, 24 Mar 2021 09:00:00 +0100",
       "ligger på intranätet"},
      {"03-external-unknown.eml",
       {{"To", "Kalle Kund", "kalle.kund@example.com", "kalle.kund@example.com"}},
       "Tack för mötet",
       "20210324100000.3@stockholm.se",
       "Wed, 24 Mar 2021 10:00:00 +0100",
       "Tack för i dag!"},
      {"04-name-bound-elsewhere.eml",
       {{"To", "Dataskyddsombud Skärholmen", "dso.skarholmen@elevstockholm.onmicrosoft.com",
         "dso.skarholmen@elevstockholm.onmicrosoft.com"}},
       "Incident",
       "20210325181200.4@stockholm.se",
       "Thu, 25 Mar 2021 18:12:00 +0100",
       "incidentrapport"},
      {"05-processor-ok.eml",
       {{"To", "Servicedesk Fujitsu", "servicedesk.stockholm@fujitsu.com",
         "servicedesk.stockholm@fujitsu.com"}},
       "Status INC7600982",
       "20210325122700.5@stockholm.se",
       "Thu, 25 Mar 2021 12:27:00 +0100",
       "ärende INC7600982"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const MessageView view = parse_message(testing::sample(c.file));
    ASSERT_EQ(view.recipients.size(), c.recipients.size());
    for (std::size_t i = 0; i < c.recipients.size(); ++i) {
      EXPECT_EQ(view.recipients[i].header, c.recipients[i].header);
      EXPECT_EQ(view.recipients[i].display_name, c.recipients[i].display_name);
      EXPECT_EQ(view.recipients[i].address, c.recipients[i].address);
      EXPECT_EQ(view.recipients[i].address_key, c.recipients[i].address_key);
    }
    EXPECT_EQ(view.subject, c.subject);
    EXPECT_EQ(view.message_id, c.message_id);
    EXPECT_EQ(view.date, c.date);
    EXPECT_NE(body_of(view).find(c.body_contains), std::string::npos) << body_of(view);
    ASSERT_FALSE(view.texts.empty());
    EXPECT_EQ(view.texts.front().place, "subject");
    EXPECT_EQ(view.texts.front().text, c.subject);
    EXPECT_TRUE(view.attachment_names.empty());
    EXPECT_FALSE(view.encrypted);
  }
}

TEST(MessageSamples, FromIsDecodedForDisplay) {
  EXPECT_EQ(parse_message(testing::sample("01-skarholmen-incident.eml")).from,
            "IT-samordnare Skärholmen <it.skarholmen@stockholm.se>");
  EXPECT_EQ(parse_message(testing::sample("03-external-unknown.eml")).from,
            "Anna Andersson <anna.andersson@stockholm.se>");
}

}  // namespace
}  // namespace galguard::rules
