// What the DPO finds already filled in when marking a held message or an audit finding.
#include "gateway/incidents/prefill.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace galguard::incidents {
namespace {

constexpr std::int64_t kReceived = 1795615380;  // 2026-11-25T14:03:00Z
constexpr std::int64_t kMarked = kReceived + 3600;

const Organisation kOrganisation{"Stockholms stad, Exempelstadsdelsförvaltningen",
                                 "Dataskyddsombud, dso@example.se, 08-123 45",
                                 "Microsoft (Exchange Online)"};

// The reference case: a reply to a look-alike "Service Desk" in a foreign tenant, with an
// identity number and health data in the body.
quarantine::HeldMessage reference_message() {
  quarantine::HeldMessage m;
  m.id = "a1b2c3d4e5f60718";
  m.received_at = kReceived;
  m.raw =
      "From: handlaggare@stockholm.se\r\nTo: Service Desk 33900 "
      "<maria-sfbo@elevstockholm.onmicrosoft.com>\r\nSubject: Elev\r\n\r\nPersonnummer "
      "19121212-1212, sjukskriven.\r\n";
  m.envelope = {"handlaggare@stockholm.se",
                {"maria-sfbo@elevstockholm.onmicrosoft.com"},
                "mx.stockholm.se",
                "192.0.2.7",
                ""};
  m.verdict_json = R"({"verdict":"quarantine","severity":"high","findings":[
    {"code":"protected-name","severity":"high","header":"To","display_name":"Service Desk 33900",
     "address":"maria-sfbo@elevstockholm.onmicrosoft.com","expected":["servicedesk@stockholm.se"],
     "explanation":"\"Service Desk 33900\" is a name of this organisation but the address is not"},
    {"code":"foreign-tenant-internal-name","severity":"medium","header":"To",
     "display_name":"Service Desk 33900","address":"maria-sfbo@elevstockholm.onmicrosoft.com",
     "expected":[],"explanation":"an internal name on another Microsoft 365 tenant"}],
    "personal_data":{"identity_numbers":1,"ibans":0,"categories":["health","identity-number"],
    "places":["body"]}})";
  m.codes = {"protected-name", "foreign-tenant-internal-name"};
  m.personal_data = {1, {"health", "identity-number"}};
  return m;
}

std::vector<quarantine::ActionLogEntry> reference_log() {
  return {{1, kReceived, "gateway", "held", "a1b2c3d4e5f60718", "protected-name", "", ""},
          {2, kReceived + 600, "anna", "viewed-body", "a1b2c3d4e5f60718", "", "", ""}};
}

TEST(Prefill, ReferenceMessageGivesTheFactsGalguardHas) {
  const quarantine::Incident i =
      incident_from_message(reference_message(), reference_log(), kOrganisation, kMarked);
  EXPECT_EQ(i.message_id, "a1b2c3d4e5f60718");
  EXPECT_EQ(i.organisation, kOrganisation.name);
  EXPECT_EQ(i.contact, kOrganisation.contact);
  EXPECT_EQ(i.processors, "Microsoft (Exchange Online)");
  EXPECT_EQ(i.occurred_at, kReceived);
  EXPECT_EQ(i.discovered_at, kMarked);  // the 72 hours run from the marking
  EXPECT_EQ(i.nature, "unauthorised disclosure by misaddressed e-mail");
  // Both findings name the same mailbox: listed once.
  EXPECT_EQ(i.recipients, std::vector<std::string>{
                              "Service Desk 33900 <maria-sfbo@elevstockholm.onmicrosoft.com>"});
  EXPECT_NE(i.cause.find("protected-name"), std::string::npos) << i.cause;
  EXPECT_NE(i.cause.find("is a name of this organisation"), std::string::npos) << i.cause;
  EXPECT_NE(i.cause.find("expected: servicedesk@stockholm.se"), std::string::npos) << i.cause;
  EXPECT_NE(i.cause.find("another Microsoft 365 tenant"), std::string::npos) << i.cause;
  EXPECT_EQ(i.data_subjects, 1);
  EXPECT_EQ(i.records, 1);
  EXPECT_EQ(i.data_categories, (std::vector<std::string>{"health", "identity-number"}));
  EXPECT_TRUE(i.special_categories);
  EXPECT_FALSE(i.encrypted);
  EXPECT_EQ(i.measures_taken,
            "2026-11-25 14:03 UTC held (protected-name) by gateway\n"
            "2026-11-25 14:13 UTC viewed-body by anna");
  // What only a person can judge stays empty.
  EXPECT_TRUE(i.consequences.empty());
  EXPECT_TRUE(i.severity.empty());
  EXPECT_TRUE(i.measures_planned.empty());
  EXPECT_TRUE(i.created_by.empty());
  EXPECT_EQ(i.created_at, 0);
}

TEST(Prefill, CategoriesWithoutIdentityNumbersStillCountOneDataSubject) {
  quarantine::HeldMessage m = reference_message();
  m.personal_data = {0, {"religion"}};
  const quarantine::Incident i = incident_from_message(m, {}, kOrganisation, kMarked);
  EXPECT_EQ(i.data_subjects, 1);
  EXPECT_EQ(i.records, 0);
  EXPECT_TRUE(i.special_categories);

  m.personal_data = {0, {}};
  EXPECT_EQ(incident_from_message(m, {}, kOrganisation, kMarked).data_subjects, 0);
  m.personal_data = {3, {"identity-number"}};
  const quarantine::Incident numbers = incident_from_message(m, {}, kOrganisation, kMarked);
  EXPECT_EQ(numbers.data_subjects, 3);
  EXPECT_FALSE(numbers.special_categories);  // an identity number is not Art. 9 data
}

TEST(Prefill, TheDescriptionSaysWhichAttachmentsHeldWhatAndWhatWasNotInspected) {
  quarantine::HeldMessage m = reference_message();
  m.verdict_json = R"({"verdict":"quarantine","findings":[],"personal_data":{
      "identity_numbers":3,"categories":["health","identity-number"],
      "places":["body","attachment: Elevlista 7B.xlsx"],
      "attachments":[
        {"name":"Elevlista 7B.xlsx","type":"xlsx","inspected":true,"why":"",
         "identity_numbers":3,"categories":["identity-number"]},
        {"name":"Tom.pdf","type":"pdf","inspected":true,"why":"","identity_numbers":0,
         "categories":[]},
        {"name":"Skannad blankett.png","type":"png","inspected":false,"why":"image",
         "identity_numbers":0,"categories":[]}]}})";
  const quarantine::Incident i = incident_from_message(m, {}, kOrganisation, kMarked);
  EXPECT_EQ(i.description,
            "Personal data found in: body; Elevlista 7B.xlsx (3 identity numbers; "
            "identity-number).\nNot inspected: Skannad blankett.png (image).");
}

TEST(Prefill, UnreadableVerdictFallsBackToTheEnvelopeRecipients) {
  quarantine::HeldMessage m = reference_message();
  m.verdict_json = "not json";
  const quarantine::Incident i = incident_from_message(m, {}, kOrganisation, kMarked);
  EXPECT_EQ(i.recipients, std::vector<std::string>{"maria-sfbo@elevstockholm.onmicrosoft.com"});
  EXPECT_TRUE(i.cause.empty());
}

TEST(Prefill, AuditFindingNamesTheEntryAndItsExplanation) {
  const std::string finding = R"({"code":"lookalike-display-name","severity":"high",
    "entry":{"id":"u1","display_name":"Service Desk 33900",
    "address":"maria-sfbo@elevstockholm.onmicrosoft.com","source":"graph"},"related":[],
    "explanation":"a contact imitates the service desk"})";
  const quarantine::Incident i = incident_from_finding(finding, kOrganisation, kMarked);
  EXPECT_EQ(i.finding, "lookalike-display-name maria-sfbo@elevstockholm.onmicrosoft.com");
  EXPECT_EQ(i.occurred_at, kMarked);
  EXPECT_EQ(i.discovered_at, kMarked);
  EXPECT_EQ(i.recipients, std::vector<std::string>{
                              "Service Desk 33900 <maria-sfbo@elevstockholm.onmicrosoft.com>"});
  EXPECT_EQ(i.cause, "a contact imitates the service desk");
  EXPECT_EQ(i.data_subjects, 0);
  EXPECT_TRUE(i.message_id.empty());
  EXPECT_EQ(i.organisation, kOrganisation.name);
  EXPECT_THROW(incident_from_finding("[1,2]", kOrganisation, kMarked), std::invalid_argument);
}

struct EncryptedCase {
  const char* name;
  const char* raw;
  bool want;
};

TEST(Prefill, EncryptedContentIsRecognised) {
  const EncryptedCase cases[] = {
      {"S/MIME enveloped",
       "To: a@example.se\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; "
       "name=smime.p7m\r\nContent-Transfer-Encoding: "
       "base64\r\n\r\nMIAGCSqGSIb3DQEHA6CAMIACAQAx\r\n",
       true},
      {"PGP/MIME",
       "To: a@example.se\r\nContent-Type: multipart/encrypted; "
       "protocol=\"application/pgp-encrypted\"; boundary=b\r\n\r\n--b\r\nContent-Type: "
       "application/pgp-encrypted\r\n\r\nVersion: 1\r\n--b\r\nContent-Type: "
       "application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\nhQEM\r\n-----END PGP "
       "MESSAGE-----\r\n--b--\r\n",
       true},
      {"inline PGP",
       "To: a@example.se\r\nContent-Type: text/plain\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\n"
       "hQEMA5\r\n-----END PGP MESSAGE-----\r\n",
       true},
      {"S/MIME attachment in multipart/mixed",
       "To: a@example.se\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
       "Content-Type: application/x-pkcs7-mime; smime-type=enveloped-data\r\n\r\nMIAG\r\n"
       "--m--\r\n",
       true},
      {"signed only",
       "To: a@example.se\r\nContent-Type: multipart/signed; protocol=\"application/pgp-signature\";"
       " micalg=pgp-sha256; boundary=s\r\n\r\n--s\r\nContent-Type: text/plain\r\n\r\nhej\r\n--s\r\n"
       "Content-Type: application/pgp-signature\r\n\r\n-----BEGIN PGP SIGNATURE-----\r\niQEz\r\n"
       "-----END PGP SIGNATURE-----\r\n--s--\r\n",
       false},
      {"S/MIME opaque signed",
       "To: a@example.se\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data\r\n\r\n"
       "MIAG\r\n",
       false},
      {"plain text", "To: a@example.se\r\nSubject: hej\r\n\r\nPersonnummer 19121212-1212\r\n",
       false},
  };
  for (const EncryptedCase& c : cases) {
    EXPECT_EQ(encrypted_content(c.raw), c.want) << c.name;
  }
}

TEST(Prefill, EncryptedMessageIsMarkedEncrypted) {
  quarantine::HeldMessage m = reference_message();
  m.raw =
      "To: a@example.se\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\n"
      "MIAG\r\n";
  EXPECT_TRUE(incident_from_message(m, {}, kOrganisation, kMarked).encrypted);
}

}  // namespace
}  // namespace galguard::incidents
