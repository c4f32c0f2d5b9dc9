#include "directory/files/mapping.hpp"

#include <gtest/gtest.h>

#include "directory/files/ldif_reader.hpp"

namespace galguard::directory::files {
namespace {

struct DateCase {
  const char* got;
  const char* want;
};

TEST(Dates, GeneralizedTime) {
  const DateCase cases[] = {
      {"20210322160500.0Z", "2021-03-22T16:05:00Z"},
      {"20210322160500Z", "2021-03-22T16:05:00Z"},
      {"202103221605Z", "2021-03-22T16:05:00Z"},
      {"20210322170500.0+0100", "2021-03-22T16:05:00Z"},
      {"20210101003000-0130", "2021-01-01T02:00:00Z"},
      {"20210101003000+0100", "2020-12-31T23:30:00Z"},
      {"20240229120000Z", "2024-02-29T12:00:00Z"},
      {"20230229120000Z", ""},  // not a leap year
      {"20211322160500Z", ""},
      {"2021032216", "2021-03-22T16:00:00Z"},
      {"yesterday", ""},
      {"", ""},
      {"20210322160500.0Zjunk", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(generalized_time_to_iso(c.got), c.want) << c.got;
}

TEST(Dates, ExportForms) {
  const DateCase cases[] = {
      {"2021-03-22T16:05:00Z", "2021-03-22T16:05:00Z"},
      {"2021-03-22T16:05:00.1234567Z", "2021-03-22T16:05:00Z"},
      {"2021-03-22T17:05:00+01:00", "2021-03-22T16:05:00Z"},
      {"2021-03-22 16:05:00", "2021-03-22T16:05:00Z"},
      {"2021-03-22", "2021-03-22T00:00:00Z"},
      {"3/22/2021 4:05:00 PM", "2021-03-22T16:05:00Z"},
      {"3/22/2021 12:05:00 AM", "2021-03-22T00:05:00Z"},
      {"3/22/2021 12:05:00 PM", "2021-03-22T12:05:00Z"},
      {"03/02/2021 16:05:00", "2021-03-02T16:05:00Z"},  // en-US: month first
      {"22/03/2021 16:05:00", "2021-03-22T16:05:00Z"},  // cannot be a month: day first
      {"22.03.2021 16:05:00", "2021-03-22T16:05:00Z"},
      {"3/22/2021", "2021-03-22T00:00:00Z"},
      {"13/13/2021", ""},
      {"3/22/2021 13:05:00 PM", ""},
      {"2021-03-22T25:00:00Z", ""},
      {"2021-03-22T16:05:00+25:00", ""},
      {"", ""},
      {"-", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(date_to_iso(c.got), c.want) << c.got;
}

TEST(Proxies, SmtpOnlyPrimaryWhenUnique) {
  rules::Entry e;
  EXPECT_EQ(add_proxy_addresses(e, {"smtp:b@x.se", "SMTP:a@x.se", "X500:/o=x", "SIP:a@x.se",
                                    "smtp:B@X.SE", "EX:/o=x", "smtp:", "sMtP:c@x.se"}),
            "a@x.se");
  EXPECT_EQ(e.proxies, (std::vector<std::string>{"b@x.se", "a@x.se", "c@x.se"}));

  rules::Entry two;
  EXPECT_EQ(add_proxy_addresses(two, {"SMTP:a@x.se", "SMTP:b@x.se"}), "");
  EXPECT_EQ(two.proxies.size(), 2u);
}

TEST(Proxies, TargetAddress) {
  EXPECT_EQ(smtp_target("SMTP:a@x.se"), "a@x.se");
  EXPECT_EQ(smtp_target("smtp:a@x.se"), "a@x.se");
  EXPECT_EQ(smtp_target(" a@x.se "), "a@x.se");
  EXPECT_EQ(smtp_target("X500:/o=Org/cn=a@b"), "");
  EXPECT_EQ(smtp_target(""), "");
}

TEST(Kinds, RecipientTypeNames) {
  using K = rules::EntryKind;
  EXPECT_EQ(kind_from_recipient_type("UserMailbox"), K::user);
  EXPECT_EQ(kind_from_recipient_type("sharedmailbox"), K::shared);
  EXPECT_EQ(kind_from_recipient_type("EquipmentMailbox"), K::room);
  EXPECT_EQ(kind_from_recipient_type("MailContact"), K::contact);
  EXPECT_EQ(kind_from_recipient_type("MailUser"), K::user);
  EXPECT_EQ(kind_from_recipient_type("DynamicDistributionGroup"), K::group);
  EXPECT_EQ(kind_from_recipient_type("Something new"), std::nullopt);
  EXPECT_EQ(kind_from_type_details(34359738368ULL), K::shared);
  EXPECT_EQ(kind_from_type_details(3), std::nullopt);
}

TEST(Guid, AdByteOrder) {
  const std::string bytes("\xff\x19\x96\x6f\x86\x8b\x11\xd0\xb4\x2d\x00\xc0\x4f\xc9\x64\xff", 16);
  EXPECT_EQ(guid_from_ad_bytes(bytes), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
  EXPECT_EQ(guid_from_ad_bytes("short"), "");
}

TEST(Tenant, FromAddress) {
  EXPECT_EQ(tenant_of_address("m@elevstockholm.onmicrosoft.com"), "elevstockholm.onmicrosoft.com");
  EXPECT_EQ(tenant_of_address("m@ElevStockholm.mail.onmicrosoft.com"),
            "elevstockholm.onmicrosoft.com");
  EXPECT_EQ(tenant_of_address("pat@Contoso.example"), "contoso.example");
  EXPECT_EQ(tenant_of_address("no address"), "");
}

TEST(Encoding, BomsAndUtf16) {
  std::string storage;
  EXPECT_EQ(as_utf8("\xEF\xBB\xBFok", storage), "ok");
  EXPECT_EQ(as_utf8("plain", storage), "plain");
  // "Å" U+00C5, "𝔸" U+1D538 (a surrogate pair), then an unpaired high surrogate and an odd byte.
  EXPECT_EQ(as_utf8(std::string_view("\xFF\xFE\xC5\x00\x35\xD8\x38\xDD\x00\xD8\x41", 11), storage),
            "Å𝔸\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(as_utf8(std::string_view("\xFE\xFF\x00\xC5", 4), storage), "Å");
}

TEST(Base64, Rfc4648) {
  std::string out;
  EXPECT_TRUE(decode_base64("TMO2bmVy", out));
  EXPECT_EQ(out, "Löner");
  EXPECT_TRUE(decode_base64("YQ==", out));
  EXPECT_EQ(out, "a");
  EXPECT_TRUE(decode_base64("YWI", out));  // missing padding is tolerated
  EXPECT_EQ(out, "ab");
  EXPECT_TRUE(decode_base64("", out));
  EXPECT_EQ(out, "");
  EXPECT_FALSE(decode_base64("Y", out));
  EXPECT_FALSE(decode_base64("YQ=", out));
  EXPECT_FALSE(decode_base64("Y=Q=", out));
  EXPECT_FALSE(decode_base64("YQ==YQ==", out));
  EXPECT_FALSE(decode_base64("a b=", out));
}

}  // namespace
}  // namespace galguard::directory::files
