// Doors a misaddressed message could slip through besides the header display names: envelope
// recipients no header names (Bcc, aliases, list expansion) and the addresses of entries the
// directory audit flags, whatever name the message shows.
#include <gtest/gtest.h>

#include "tests/unit/checks/check_fixture.hpp"

namespace galguard::rules {
namespace {

using namespace testing;

constexpr const char* kStudent = "m.exempel@elevstockholm.onmicrosoft.com";

MessageView headers(std::vector<Recipient> recipients) {
  MessageView m;
  m.recipients = std::move(recipients);
  return m;
}

// The flags the gateway builds from the audit: the Skärholmen entry ("Service Desk 33900" on a
// student mailbox), by its index in reference_directory().
FlaggedAddresses skarholmen_flag(const Snapshot& directory) {
  FlaggedAddresses flags;
  const auto entries = directory.by_address(kStudent);
  EXPECT_EQ(entries.size(), 1U);
  flags.flag(directory.addresses(entries.front()),
             {entries.front(), "entry-role-name-foreign-address",
              "The address-book entry \"Service Desk 33900\" looks like a function but points "
              "to a student mailbox."});
  return flags;
}

std::vector<std::string> findings_about(const Verdict& v, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& f : v.findings)
    if (f.code == code) out.push_back(f.header + " " + f.address);
  return out;
}

TEST(EnvelopeRecipients, ABccToALookalikeDomainIsHeldThoughNoHeaderNamesIt) {
  const Snapshot directory = reference_directory();
  // Postfix's cleanup removed the Bcc header; only RCPT TO still names the recipient.
  const Verdict v =
      evaluate(headers({to("Anna Andersson", "anna.andersson@stockholm.se")}),
               Envelope{"it.skarholmen@stockholm.se",
                        {"anna.andersson@stockholm.se", "anna.andersson@stockho1m.se"}},
               {directory, reference_policy()});
  EXPECT_EQ(v.action, Action::quarantine);
  EXPECT_EQ(findings_about(v, "lookalike-domain"),
            std::vector<std::string>{"RCPT TO anna.andersson@stockho1m.se"});
}

TEST(EnvelopeRecipients, ARecipientAHeaderNamesIsJudgedOnceWithItsDisplayName) {
  const Snapshot directory = reference_directory();
  // Same mailbox, other case and an IDNA-encoded domain in the envelope: still the header's one.
  const Verdict v = evaluate(headers({to("Service Desk 33900", kStudent)}),
                             Envelope{"", {"M.Exempel@ElevStockholm.onmicrosoft.COM"}},
                             {directory, reference_policy()});
  ASSERT_FALSE(v.findings.empty());
  for (const auto& f : v.findings)
    EXPECT_EQ(f.header, "To") << f.code;
  EXPECT_EQ(findings_about(v, "protected-name").size(), 1U);
}

TEST(EnvelopeRecipients, OrdinaryEnvelopeOnlyRecipientsPass) {
  const Snapshot directory = reference_directory();
  struct Case {
    const char* what;
    const char* rcpt;
  };
  const Case cases[] = {
      {"a colleague on Bcc", "erik.johansson@stockholm.se"},
      {"a partner on Bcc", "kontor@nordhavn.dk"},
      {"an unknown external address", "kalle.kund@example.com"},
      {"a pupil's parent at a mail provider", "parent1985@gmail.com"},
      {"the processor itself", "servicedesk.stockholm@fujitsu.com"},
  };
  for (const auto& c : cases) {
    const Verdict v =
        evaluate(headers({to("Anna Andersson", "anna.andersson@stockholm.se")}),
                 Envelope{"it.skarholmen@stockholm.se", {c.rcpt}}, {directory, reference_policy()});
    EXPECT_EQ(v.action, Action::pass) << c.what;
    EXPECT_TRUE(v.findings.empty()) << c.what << ": " << v.findings.front().code;
  }
}

TEST(EnvelopeRecipients, EmptyOrBrokenEnvelopeAddressesAreIgnoredNotCrashedOn) {
  const Snapshot directory = reference_directory();
  const Verdict v = evaluate(headers({}), Envelope{"", {"", "no-at-sign", "@", "<>"}},
                             {directory, reference_policy()});
  EXPECT_EQ(v.action, Action::pass);
}

TEST(FlaggedEntryAddress, TheSkarholmenEntryStopsMailWhateverNameIsShown) {
  const Snapshot directory = reference_directory();
  const FlaggedAddresses flags = skarholmen_flag(directory);
  struct Case {
    const char* what;
    std::vector<Recipient> header_recipients;
    std::vector<std::string> rcpt;
    const char* header;
  };
  const Case cases[] = {
      {"the GAL's own name", {to("Service Desk 33900", kStudent)}, {kStudent}, "To"},
      {"an innocent-looking personal name", {to("Maria S", kStudent)}, {kStudent}, "To"},
      {"no display name at all (the client sent the bare address)",
       {to("", kStudent)},
       {kStudent},
       "To"},
      {"upper case address", {to("", "M.EXEMPEL@elevstockholm.onmicrosoft.com")}, {}, "To"},
      {"only in the envelope (Bcc)",
       {to("Anna Andersson", "anna.andersson@stockholm.se")},
       {"anna.andersson@stockholm.se", kStudent},
       "RCPT TO"},
      {"in Cc", {to("Kollega", kStudent, "Cc")}, {}, "Cc"},
  };
  for (const auto& c : cases) {
    const Verdict v = evaluate(headers(c.header_recipients), Envelope{"", c.rcpt},
                               {directory, reference_policy(), flags});
    EXPECT_EQ(v.action, Action::quarantine) << c.what;
    const auto about = findings_about(v, "flagged-entry-address");
    ASSERT_EQ(about.size(), 1U) << c.what;
    EXPECT_EQ(about.front().rfind(std::string(c.header) + " ", 0), 0U)
        << c.what << ": " << about.front();
    const auto& f = *std::find_if(v.findings.begin(), v.findings.end(), [](const Finding& f) {
      return f.code == "flagged-entry-address";
    });
    EXPECT_EQ(f.severity, Severity::high);
    // The sender learns which entry and why, in the audit's own words.
    EXPECT_NE(f.explanation.find("\"Service Desk 33900\""), std::string::npos) << f.explanation;
    EXPECT_NE(f.explanation.find("entry-role-name-foreign-address"), std::string::npos);
    EXPECT_NE(f.explanation.find("student mailbox"), std::string::npos);
  }
}

TEST(FlaggedEntryAddress, OtherAddressesAndUnflaggedDirectoriesAreNotAffected) {
  const Snapshot directory = reference_directory();
  const FlaggedAddresses flags = skarholmen_flag(directory);
  // A near miss of the flagged address is another mailbox, and without flags nothing fires.
  const Verdict near = evaluate(headers({to("", "m.exempel2@elevstockholm.onmicrosoft.com")}),
                                Envelope{}, {directory, reference_policy(), flags});
  EXPECT_TRUE(findings_about(near, "flagged-entry-address").empty());
  const Verdict unflagged =
      evaluate(headers({to("Maria S", kStudent)}), Envelope{}, {directory, reference_policy()});
  EXPECT_TRUE(findings_about(unflagged, "flagged-entry-address").empty());
  const Verdict colleague = evaluate(headers({to("Anna Andersson", "anna.andersson@stockholm.se")}),
                                     Envelope{}, {directory, reference_policy(), flags});
  EXPECT_EQ(colleague.action, Action::pass);
}

TEST(FlaggedEntryAddress, EveryAddressOfTheEntryIsFlaggedNotOnlyItsPrimary) {
  const Snapshot directory(
      {entry("Löner Skärholmen", "loner.skarholmen@partner.example", {"loner@elev.example"})});
  FlaggedAddresses flags;
  flags.flag(directory.addresses(0), {0, "entry-role-name-foreign-address", "Points outside."});
  const Verdict v = evaluate(headers({}), Envelope{"", {"LONER@elev.example"}},
                             {directory, reference_policy(), flags});
  EXPECT_EQ(findings_about(v, "flagged-entry-address"),
            std::vector<std::string>{"RCPT TO LONER@elev.example"});
}

}  // namespace
}  // namespace galguard::rules
