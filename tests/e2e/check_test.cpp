// `galguard check` on the reference case: the verdicts of samples/expected.json, in every
// directory format, as JSON and as text, plus the exit codes and errors of DESIGN.md §7.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/e2e/run_galguard.hpp"

namespace galguard::e2e {
namespace {

using nlohmann::json;

json expected() {
  return json::parse(read_file(sample("expected.json")));
}

std::string check_args(const std::string& directory, const std::string& message) {
  return "check --json --directory " + sample(directory) + " --policy " + sample("policy.toml") +
         " " + sample("messages/" + message);
}

class ReferenceMessages : public ::testing::TestWithParam<std::string> {};

TEST_P(ReferenceMessages, GetTheirExpectedVerdictFromEveryDirectoryFormat) {
  const std::string directory = GetParam();
  // Held in a variable: a range-for over a member of a temporary reads a destroyed object (and
  // so once ran no case at all).
  const json all = expected();
  ASSERT_FALSE(all.at("messages").empty());
  for (const auto& [message, want] : all.at("messages").items()) {
    SCOPED_TRACE(directory + " / " + message);
    CliRun run = galguard(check_args(directory, message));
    ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.err;
    json got = json::parse(run.out);
    EXPECT_EQ(got["verdict"], want["verdict"]);
    EXPECT_EQ(run.exit_code, want["verdict"] == "pass" ? 0 : 1);
    std::vector<std::string> codes;
    for (const auto& f : got["findings"])
      codes.push_back(f["code"]);
    for (const auto& code : want["codes"]) {
      EXPECT_NE(std::find(codes.begin(), codes.end(), code.get<std::string>()), codes.end())
          << "missing " << code;
    }
    if (want.value("only_codes", false)) {
      EXPECT_EQ(codes.size(), want["codes"].size()) << run.out;
    }
    if (want.contains("identity_numbers")) {
      EXPECT_EQ(got["personal_data"]["identity_numbers"], want["identity_numbers"]);
    }
    if (want.contains("attachments")) {
      const json& breakdown = got["personal_data"]["attachments"];
      ASSERT_EQ(breakdown.size(), want["attachments"].size()) << run.out;
      for (std::size_t i = 0; i < breakdown.size(); ++i)
        for (const auto& [key, value] : want["attachments"][i].items())
          EXPECT_EQ(breakdown[i][key], value) << key << " of attachment " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, ReferenceMessages,
                         ::testing::Values("gal.ldif", "gal.json", "gal.csv"));

TEST(Check, ReferenceIncidentExplainsItselfInJson) {
  CliRun run = galguard(check_args("gal.ldif", "01-skarholmen-incident.eml"));
  json got = json::parse(run.out);
  bool seen = false;
  for (const auto& f : got["findings"]) {
    if (f["code"] != "protected-name") continue;
    seen = true;
    EXPECT_EQ(f["severity"], "high");
    EXPECT_EQ(f["header"], "To");
    EXPECT_EQ(f["display_name"], "Service Desk 33900");
    EXPECT_EQ(f["address"], "m.exempel@elevstockholm.onmicrosoft.com");
    EXPECT_FALSE(f["explanation"].get<std::string>().empty());
  }
  EXPECT_TRUE(seen) << run.out;
  EXPECT_EQ(got["personal_data"]["categories"], json::array({"identity-number"}));
  // The number itself never leaves the quarantine.
  EXPECT_EQ(run.out.find("1212"), std::string::npos);
}

TEST(Check, AttachmentsAreReadUnlessTold) {
  const std::string args = check_args("gal.ldif", "06-attachments-to-student-tenant.eml");
  json read = json::parse(galguard(args).out);
  EXPECT_EQ(read["personal_data"]["categories"], json::array({"health", "identity-number"}));
  EXPECT_EQ(read["personal_data"]["places"],
            json::array({"attachment: Elevlista 7B.xlsx", "attachment: Åtgärdsprogram.pdf"}));
  // Special-category data in the PDF raises the severity one step.
  EXPECT_EQ(read["severity"], "critical");

  CliRun unread =
      galguard("check --json --no-attachments" + args.substr(std::string("check --json").size()));
  json got = json::parse(unread.out);
  EXPECT_EQ(got["personal_data"]["identity_numbers"], 0);
  for (const auto& a : got["personal_data"]["attachments"]) {
    EXPECT_EQ(a["inspected"], false);
    EXPECT_EQ(a["why"], "not read");
  }
  // Names and counts only: no number from the attachments reaches the output.
  EXPECT_EQ(galguard(args).out.find("1239"), std::string::npos);
}

TEST(Extract, ListsWhatIsReadInAFileAndWhy) {
  const std::string dir = ::testing::TempDir();
  const std::string zip = dir + "/galguard-extract-test.zip";
  ASSERT_EQ(std::system(("python3 -c \"import zipfile; z = zipfile.ZipFile('" + zip +
                         "', 'w'); z.writestr('elever.csv', 'Tolvan;19121212-1212'); "
                         "z.writestr('bild.png', b'\\x89PNG\\r\\n'); z.close()\"")
                            .c_str()),
            0);
  CliRun run = galguard("extract --json " + zip);
  EXPECT_EQ(run.exit_code, 1) << run.err;  // the image could not be inspected
  std::vector<json> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = run.out.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(json::parse(run.out.substr(start, end - start)));
  ASSERT_EQ(lines.size(), 3u) << run.out;
  EXPECT_EQ(lines[1]["name"], "galguard-extract-test.zip/elever.csv");
  EXPECT_EQ(lines[1]["identity_numbers"], 1);
  EXPECT_EQ(lines[2]["why"], "image");
  CliRun missing = galguard("extract /nonexistent/file.pdf");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/file.pdf"), std::string::npos) << missing.err;
}

TEST(Check, NameBoundElsewhereNamesTheRealAddress) {
  CliRun run = galguard(check_args("gal.ldif", "04-name-bound-elsewhere.eml"));
  json got = json::parse(run.out);
  for (const auto& f : got["findings"])
    if (f["code"] == "name-bound-elsewhere") {
      EXPECT_EQ(f["display_name"], "Dataskyddsombud Skärholmen");
      EXPECT_EQ(f["expected"], json::array({"dso.skarholmen@stockholm.se"}));
    }
}

TEST(Check, TextOutputHasOneLinePerFindingWithItsReason) {
  CliRun run =
      galguard("check --directory " + sample("gal.ldif") + " --policy " + sample("policy.toml") +
               " " + sample("messages/01-skarholmen-incident.eml"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find(": quarantine"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("protected-name [To] \"Service Desk 33900\" is a protected name"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("personal data: 1 identity number"), std::string::npos) << run.out;
}

TEST(Check, ReadsTheMessageFromStdin) {
  CliRun run = galguard("check --json --directory " + sample("gal.ldif") + " --policy " +
                            sample("policy.toml") + " -",
                        sample("messages/04-name-bound-elsewhere.eml"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(json::parse(run.out)["verdict"], "quarantine");
}

TEST(Check, EnvelopeRecipientsAreJudgedLikeTheGatewayJudgesThem) {
  // The processor's message is clean by its headers; a Bcc to the Skärholmen entry's student
  // mailbox exists only in the envelope, and the audit flags that entry.
  const std::string base = "check --json --directory " + sample("gal.ldif") + " --policy " +
                           sample("policy.toml") + " --mail-from it.skarholmen@stockholm.se";
  const std::string message = " " + sample("messages/05-processor-ok.eml");
  CliRun clean = galguard(base + " --rcpt servicedesk.stockholm@fujitsu.com" + message);
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

  CliRun bcc = galguard(base + " --rcpt servicedesk.stockholm@fujitsu.com" +
                        " --rcpt M.Exempel@elevstockholm.onmicrosoft.com" + message);
  EXPECT_EQ(bcc.exit_code, 1) << bcc.out << bcc.err;
  json got = json::parse(bcc.out);
  EXPECT_EQ(got["verdict"], "quarantine");
  ASSERT_FALSE(got["findings"].empty());
  const json& first = got["findings"][0];
  EXPECT_EQ(first["code"], "flagged-entry-address");
  EXPECT_EQ(first["header"], "RCPT TO");
  EXPECT_EQ(first["address"], "M.Exempel@elevstockholm.onmicrosoft.com");
  EXPECT_NE(first["explanation"].get<std::string>().find("Service Desk 33900"), std::string::npos);

  // The same door in the text output, and a look-alike domain only in the envelope.
  CliRun text = galguard("check --directory " + sample("gal.ldif") + " --policy " +
                         sample("policy.toml") + " --rcpt anna.andersson@stockho1m.se" + message);
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("lookalike-domain [RCPT TO]"), std::string::npos) << text.out;
}

TEST(Check, TheFlaggedEntryStopsMailWhateverNameTheMessageShows) {
  // A client that sends only the address a user picked from the address book.
  char path[] = "/tmp/galguard-bare-address-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  const std::string eml =
      "From: it.skarholmen@stockholm.se\r\nTo: m.exempel@elevstockholm.onmicrosoft.com\r\n"
      "Subject: Fakturafråga\r\n\r\nHej!\r\n";
  ASSERT_EQ(write(fd, eml.data(), eml.size()), static_cast<ssize_t>(eml.size()));
  close(fd);
  CliRun run = galguard("check --json --directory " + sample("gal.ldif") + " --policy " +
                            sample("policy.toml") + " -",
                        path);
  std::remove(path);
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(json::parse(run.out)["findings"][0]["code"], "flagged-entry-address") << run.out;
}

TEST(Check, ARecipientHeaderThatCannotBeReadIsHeldAndShownEscaped) {
  char path[] = "/tmp/galguard-unreadable-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  // An unclosed comment: GMime reads no mailbox from it, so nothing in it could be judged.
  const std::string eml =
      "From: it.skarholmen@stockholm.se\r\n"
      "To: anna.andersson@stockholm.se, (hidden, m.exempel@elevstockholm.onmicrosoft.com\r\n"
      "Subject: x\r\n\r\nHej!\r\n";
  ASSERT_EQ(write(fd, eml.data(), eml.size()), static_cast<ssize_t>(eml.size()));
  close(fd);
  CliRun run = galguard(
      "check --directory " + sample("gal.ldif") + " --policy " + sample("policy.toml") + " -",
      path);
  std::remove(path);
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("unreadable-recipient [To]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(hidden, m.exempel@elevstockholm.onmicrosoft.com"), std::string::npos)
      << run.out;
}

struct BadInput {
  const char* what;
  std::string arguments;
  const char* error_contains;
};

TEST(Check, BadInputExitsTwoWithAClearError) {
  const std::string d = " --directory " + sample("gal.ldif");
  const std::string p = " --policy " + sample("policy.toml");
  const std::string m = " " + sample("messages/01-skarholmen-incident.eml");
  const BadInput cases[] = {
      {"missing message file", "check" + d + p + " /nonexistent/x.eml", "/nonexistent/x.eml"},
      {"not a mail message", "check" + d + p + " " + sample("policy.toml"), "not a mail message"},
      {"missing directory file", "check --directory /nonexistent/gal.ldif" + p + m,
       "/nonexistent/gal.ldif"},
      {"unknown directory kind", "check --directory gal.txt" + p + m, "unknown directory source"},
      {"missing policy", "check" + d + m, "--policy"},
      {"unknown option", "check --frobnicate" + d + p + m, "frobnicate"},
      {"envelope recipient without @", "check" + d + p + " --rcpt servicedesk" + m,
       "--rcpt: \"servicedesk\" is not an address"},
  };
  for (const auto& c : cases) {
    CliRun run = galguard(c.arguments);
    EXPECT_EQ(run.exit_code, 2) << c.what;
    EXPECT_NE(run.err.find(c.error_contains), std::string::npos) << c.what << ": " << run.err;
    EXPECT_TRUE(run.out.empty()) << c.what;
  }
}

TEST(Check, BrokenPolicyNamesFileAndLine) {
  char path[] = "/tmp/galguard-policy-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  std::string bad = "[organisation]\nname = \"x\"\n\n[actions]\nhigh = \"hold\"\n";
  ASSERT_EQ(write(fd, bad.data(), bad.size()), static_cast<ssize_t>(bad.size()));
  close(fd);
  CliRun run = galguard("check --directory " + sample("gal.ldif") + " --policy " + path + " " +
                        sample("messages/01-skarholmen-incident.eml"));
  std::remove(path);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(std::string(path) + ":5"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("high"), std::string::npos) << run.err;
}

TEST(Cli, HelpAndUnknownCommand) {
  CliRun help = galguard("check --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("usage: galguard check"), std::string::npos);
  EXPECT_NE(help.out.find("--directory"), std::string::npos);
  CliRun top = galguard("--help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("audit"), std::string::npos);
  CliRun unknown = galguard("frob");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command"), std::string::npos);
}

}  // namespace
}  // namespace galguard::e2e
