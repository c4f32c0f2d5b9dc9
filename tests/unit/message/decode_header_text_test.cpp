#include <gtest/gtest.h>

#include "rules/message/message_view.hpp"

namespace galguard::rules {
namespace {

// What the review UI shows for a Subject or From: the words, not their transfer encoding.
TEST(DecodeHeaderText, EncodedWordsBecomeTheirText) {
  EXPECT_EQ(decode_header_text("=?utf-8?q?Best=C3=A4llning_dubbelkonto_f=C3=B6r_IT-praktikant?="),
            "Beställning dubbelkonto för IT-praktikant");
  EXPECT_EQ(decode_header_text("=?utf-8?b?RGF0YXNreWRkc29tYnVkIFNrw6RyaG9sbWVu?= <dso@x.example>"),
            "Dataskyddsombud Skärholmen <dso@x.example>");
  EXPECT_EQ(decode_header_text("=?iso-8859-1?q?R=E4kning?="), "Räkning");
}

TEST(DecodeHeaderText, PlainAndRawEightBitTextStaysReadable) {
  EXPECT_EQ(decode_header_text("  Schema vecka 13 "), "Schema vecka 13");
  EXPECT_EQ(decode_header_text("<script>alert(1)</script>"), "<script>alert(1)</script>");
  // Latin-1 bytes sent raw come out as UTF-8, never as invalid bytes.
  EXPECT_EQ(decode_header_text("R\xe4kning"), "Räkning");
}

}  // namespace
}  // namespace galguard::rules
