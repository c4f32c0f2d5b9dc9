#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace {

using Names = std::vector<std::string>;

PersonalData detect_body(std::string text) {
  const TextBlock blocks[] = {{"body", std::move(text)}};
  return detect_personal_data(blocks);
}

std::string sample_body(const char* name) {
  std::ifstream in(std::string(GALGUARD_SOURCE_DIR) + "/samples/messages/" + name,
                   std::ios::binary);
  std::stringstream raw;
  raw << in.rdbuf();
  const std::string message = raw.str();
  std::size_t blank = message.find("\r\n\r\n");
  if (blank != std::string::npos) return message.substr(blank + 4);
  blank = message.find("\n\n");
  return blank == std::string::npos ? std::string() : message.substr(blank + 2);
}

TEST(DetectPersonalData, ReferenceMessage) {
  const std::string body = sample_body("01-skarholmen-incident.eml");
  ASSERT_NE(body.find("Personnummer"), std::string::npos);
  const PersonalData got = detect_body(body);
  EXPECT_EQ(got.identity_numbers, 1);
  EXPECT_EQ(got.ibans, 0);
  EXPECT_EQ(got.categories, Names{"identity-number"});
  EXPECT_EQ(got.places, Names{"body"});
  EXPECT_FALSE(got.special_category());
}

struct CountCase {
  const char* got;
  int want;
};

TEST(DetectPersonalData, CountsDistinctIdentityNumbers) {
  const CountCase cases[] = {
      {"Personnummer: 19121212-1212", 1},
      {"19121212-1212, 121212-1212, 1212121212, 191212121212 och 121212-1212 igen", 1},
      {"121212-1212 och 811228-9874", 2},
      {"Samordningsnummer 121272-1219", 1},
      {"121212-1212", 1},  // valid in SE and DK: one number
      {"19121212-1213", 0},
      {"991332-1239", 0},
      {"Ring mig på 0701234567.", 0},  // not a CPR without its label
      {"Telefon 0101801234", 0},
      {"CPR-nr. 0101801234", 1},
      {"cpr.nr.: 0101801234", 1},
      {"CPR 0101801234", 1},
      {"CPR-nummer 0101801234", 1},
      {"CPR: 010180-1234", 1},
      {"010180-1234 og CPR-nr. 0101801234", 1},
      {"SCPR 0101801234", 0},
      {"Fødselsnummer 01018012371", 1},
      {"Fødselsnummer 01018012372", 0},
      {"Henkilötunnus 131052-308T.", 1},
      {"HETU 131052-308U", 0},
      {"131052-308T 131052-308T", 1},
      {"ABC121212-1212", 0},  // part of a longer word
      {"121212-12123", 0},    // part of a longer number
      {"+46121212-1212", 0},  // phone number in international form
      {"3.1212121212", 0},    // decimal
      {"Filen 121212-1212.pdf", 1},
      {"(19121212-1212)", 1},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(detect_body(c.got).identity_numbers, c.want) << "input: " << c.got;
  }
}

TEST(DetectPersonalData, Ibans) {
  const CountCase cases[] = {
      {"IBAN: SE45 5000 0000 0583 9825 7466.", 1},
      {"IBAN GB82WEST12345698765432", 1},
      {"GB82 WEST 1234 5698 7654 32 och GB82WEST12345698765432", 1},
      {"SE4550000000058398257466, GB82WEST12345698765432", 2},
      {"GB82WEST12345698765433", 0},
      {"GB82WEST123456987654321", 0},
      {"XGB82WEST12345698765432", 0},
  };
  for (const auto& c : cases)
    EXPECT_EQ(detect_body(c.got).ibans, c.want) << "input: " << c.got;

  const PersonalData got = detect_body("Konto SE4550000000058398257466");
  EXPECT_EQ(got.categories, Names{"financial"});
  EXPECT_EQ(got.identity_numbers, 0);
  EXPECT_FALSE(got.special_category());
}

TEST(DetectPersonalData, CategoriesSortedAndUnique) {
  const PersonalData got = detect_body(
      "Sjukskriven. Utdrag ur belastningsregistret. Sjukskriven igen. "
      "Personnummer 121212-1212, konto GB82WEST12345698765432, sjukdom.");
  EXPECT_EQ(got.categories, (Names{"criminal-offences", "financial", "health", "identity-number"}));
  EXPECT_TRUE(got.special_category());
}

TEST(DetectPersonalData, PlacesInFirstSeenOrder) {
  const TextBlock blocks[] = {
      {"subject", "Hej"},
      {"body", "Hon är sjukskriven."},
      {"attachment-name", "121212-1212.pdf"},
      {"body", "Sjukskriven igen."},
      {"attachment-name", "protokoll.pdf"},
  };
  const PersonalData got = detect_personal_data(blocks);
  EXPECT_EQ(got.places, (Names{"body", "attachment-name"}));
  EXPECT_EQ(got.identity_numbers, 1);
}

TEST(DetectPersonalData, NumbersCountOnceAcrossPlaces) {
  const TextBlock blocks[] = {
      {"subject", "Ang. 19121212-1212"},
      {"body", "Gäller 121212-1212."},
  };
  const PersonalData got = detect_personal_data(blocks);
  EXPECT_EQ(got.identity_numbers, 1);
  EXPECT_EQ(got.places, (Names{"subject", "body"}));
}

TEST(DetectPersonalData, NothingFound) {
  const PersonalData got = detect_body("Tack för mötet. Agenda: meeting about the party budget.");
  EXPECT_TRUE(got.empty());
  EXPECT_EQ(got.places, Names{});
  EXPECT_TRUE(detect_personal_data({}).empty());
}

TEST(DetectPersonalData, SurvivesHostileText) {
  std::string text = "\xff\xfe sjukskriven \xc3";
  text += std::string(1000, 'a') + " " + std::string(5000, '1') + " 121212-";
  text += std::string("\0 121212-1212", 13);
  const PersonalData got = detect_body(text);
  EXPECT_EQ(got.categories, (Names{"health", "identity-number"}));
  EXPECT_EQ(got.identity_numbers, 1);
}

// A number whose birth date has not come yet is no identity number, once the caller says which
// day it is: an order number "20300101-2388" shaped like a personnummer is not counted.
TEST(DetectPersonalData, TodayRefusesBirthDatesInTheFuture) {
  const TextBlock blocks[] = {{"body",
                               "Order 20300101-2388, CPR-nr. 010136-4000, fnr 16062551228, "
                               "hetu 160625A123K. Personnummer 19121212-1212."}};
  EXPECT_EQ(detect_personal_data(blocks, CivilDate{2025, 6, 15}).identity_numbers, 1);
  EXPECT_EQ(detect_personal_data(blocks).identity_numbers, 5);
}

}  // namespace
}  // namespace galguard::rules
