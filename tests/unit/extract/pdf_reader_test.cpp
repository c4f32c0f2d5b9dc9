// What a DPO sees of a PDF attachment: its text page by page with identity numbers whole, or
// why it was not (fully) read — encrypted, damaged, a limit — and never a crash or a hang on a
// file made to break the reader. Also replays the fuzz corpus (tests/fuzz/corpus/pdf).
#include "extract/formats/pdf_reader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "extract/extract_error.hpp"
#include "pdf_fixture.hpp"
#include "rules/text/normalize.hpp"

namespace galguard::extract {
namespace {

using testing::pdf_from_objects;
using testing::pdf_with_contents;
using testing::pdf_with_pages;
using testing::stream_object;

struct Read {
  std::string text;
  std::string why;  // "" when read in full
};

Read read(std::string_view pdf, const Limits& limits = {}, std::size_t max_text = 1 << 20) {
  TextSink sink(max_text);
  Read got;
  try {
    read_pdf(pdf, limits, sink);
  } catch (const NotInspected& e) {
    got.why = e.what();
  }
  got.text = sink.take();
  return got;
}

// A file made to break the reader: read or refused, but promptly and in valid UTF-8.
void expect_read_or_refused(std::string_view pdf) {
  const auto start = std::chrono::steady_clock::now();
  const Read got = read(pdf);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(!got.text.empty() || !got.why.empty()) << "neither text nor a reason";
  EXPECT_TRUE(rules::is_valid_utf8(got.text));
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// `pdf` encrypted by qpdf with AES-256 and these passwords.
std::string encrypt(const std::string& pdf, const std::string& user, const std::string& owner) {
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "galguard-pdf-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp " << dir_template;
    return "";
  }
  const std::filesystem::path dir = dir_template;
  std::ofstream(dir / "in.pdf", std::ios::binary) << pdf;
  const std::string command = "qpdf --encrypt '" + user + "' '" + owner + "' 256 -- '" +
                              (dir / "in.pdf").string() + "' '" + (dir / "out.pdf").string() +
                              "' >/dev/null";
  const int status = std::system(command.c_str());
  std::string encrypted = slurp(dir / "out.pdf");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(status, 0) << command;
  return encrypted;
}

const std::vector<std::vector<std::string>> kClassList = {
    {"Klasslista 7B, Skärholmens skola", "Tolvan Tolvansson 19121212-1212"},
    {"Elev: Anna Svensson", "Personnummer 0102031234"},
    {"Vårdnadshavare: Per Svensson 19850101-1234"},
};

const std::string kClassListText =
    "Klasslista 7B, Skärholmens skola\nTolvan Tolvansson 19121212-1212\n"
    "Elev: Anna Svensson\nPersonnummer 0102031234\n"
    "Vårdnadshavare: Per Svensson 19850101-1234\n";

TEST(PdfReader, PagesComeOutInOrderWithIdentityNumbersWhole) {
  const Read got = read(pdf_with_pages(kClassList));
  EXPECT_EQ(got.why, "");
  EXPECT_EQ(got.text, kClassListText);
}

TEST(PdfReader, NumbersWrittenInPiecesStayWhole) {
  // Word processors kern with TJ arrays and some producers place every glyph on its own.
  const std::string kerned = "BT /F1 12 Tf 72 760 Td [(1985) -20 (0101) 30 (-1234)] TJ ET\n";
  const std::string glyphs =
      "BT /F1 12 Tf 72 760 Td (0) Tj 6.67 0 Td (1) Tj 6.67 0 Td (0) Tj 6.67 0 Td (2) Tj "
      "6.67 0 Td (031234) Tj ET\n";
  const Read got = read(pdf_with_contents({kerned, glyphs}));
  EXPECT_EQ(got.why, "");
  EXPECT_EQ(got.text, "19850101-1234\n0102031234\n");
}

TEST(PdfReader, PagesPastTheLimitAreNotReadAndSaySo) {
  std::vector<std::vector<std::string>> pages;
  for (int i = 1; i <= 5; ++i)
    pages.push_back({"Sida " + std::to_string(i)});
  Limits limits;
  limits.max_pdf_pages = 2;
  const Read got = read(pdf_with_pages(pages), limits);
  EXPECT_EQ(got.why, "limit: pages");
  EXPECT_EQ(got.text, "Sida 1\nSida 2\n");
}

TEST(PdfReader, TextPastTheLimitIsCutAndSaysSo) {
  std::vector<std::string> lines(200, "Tolvan Tolvansson 19121212-1212");
  TextSink sink(20);
  try {
    read_pdf(pdf_with_pages({lines}), Limits{}, sink);
    ADD_FAILURE() << "no LimitReached";
  } catch (const LimitReached& e) {
    EXPECT_STREQ(e.what(), "limit: text");
  }
  EXPECT_EQ(sink.text(), "Tolvan Tolvansson 19");
}

TEST(PdfReader, AUserPasswordMeansEncrypted) {
  const Read got = read(encrypt(pdf_with_pages(kClassList), "USERPW", "OWNERPW"));
  EXPECT_EQ(got.why, "encrypted");
  EXPECT_EQ(got.text, "");
}

TEST(PdfReader, AnOwnerPasswordAloneDoesNotStopReading) {
  // Copy and print restrictions only: anyone can open the file, and so can galguard.
  const Read got = read(encrypt(pdf_with_pages(kClassList), "", "OWNERPW"));
  EXPECT_EQ(got.why, "");
  EXPECT_EQ(got.text, kClassListText);
}

TEST(PdfReader, BytesThatAreNoPdfAreDamaged) {
  std::mt19937 random(20240611);
  std::string noise(4096, '\0');
  for (char& c : noise)
    c = static_cast<char>(random());
  EXPECT_EQ(read(noise).why, "damaged: no PDF header");
  EXPECT_EQ(read("").why, "damaged: no PDF header");
  expect_read_or_refused("%PDF-1.7\n" + noise);
}

TEST(PdfReader, ATruncatedFileGivesWhatCanBeReadOrDamaged) {
  const std::string pdf = pdf_with_pages(kClassList);
  for (const std::size_t percent : {10, 30, 60, 90}) {
    SCOPED_TRACE(percent);
    const std::string cut = pdf.substr(0, pdf.size() * percent / 100);
    expect_read_or_refused(cut);
    const Read got = read(cut);
    EXPECT_TRUE(got.why.empty() || got.why.starts_with("damaged")) << got.why;
    // Whatever is read is the start of what is there: nothing made up.
    EXPECT_TRUE(kClassListText.starts_with(got.text)) << got.text;
  }
}

TEST(PdfReader, NoPagesIsDamaged) {
  EXPECT_EQ(read(pdf_with_contents({})).why, "damaged: no pages");
}

TEST(PdfReader, AnXrefWhosePrevLeadsBackReturns) {
  std::string pdf = pdf_with_pages(kClassList);
  const std::size_t xref = pdf.rfind("xref\n");
  const std::string root = "/Root 1 0 R";
  pdf.insert(pdf.rfind(root) + root.size(), " /Prev " + std::to_string(xref));
  expect_read_or_refused(pdf);

  // Two sections, each the other's /Prev: an incremental update whose trailer points back.
  // The first /Prev is written with ten digits, so the second section's offset is known.
  std::string two = pdf_with_pages(kClassList);
  const std::size_t first = two.rfind("xref\n");
  const std::string prev = " /Prev 0000000000";
  const std::string second = std::to_string(two.size() + prev.size());
  two.insert(two.rfind(root) + root.size(), prev.substr(0, prev.size() - second.size()) + second);
  two += "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 10 /Root 1 0 R /Prev " +
         std::to_string(first) + " >>\nstartxref\n" + second + "\n%%EOF\n";
  expect_read_or_refused(two);
}

TEST(PdfReader, APageTreeThatContainsItselfReturns) {
  const std::string page =
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
      ">> /Contents 5 0 R >>";
  const std::string font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  const std::string content = stream_object("BT /F1 12 Tf 72 760 Td (19121212-1212) Tj ET");
  expect_read_or_refused(pdf_from_objects({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [2 0 R 4 0 R 2 0 R] /Count 3 >>",
      font,
      page,
      content,
  }));
  // A subtree whose kid is the root again, with a count that claims a million pages.
  expect_read_or_refused(pdf_from_objects({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [6 0 R] /Count 1000000 >>",
      font,
      page,
      content,
      "<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 2 0 R 6 0 R] /Count 1000000 >>",
  }));
}

TEST(PdfReader, AFormThatDrawsItselfReturns) {
  expect_read_or_refused(pdf_from_objects({
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 6 0 R "
      ">> >> /Contents 5 0 R >>",
      stream_object("/X Do"),
      stream_object("BT /F1 12 Tf 72 760 Td (19121212-1212) Tj ET /X Do",
                    "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << "
                    "/F1 3 0 R >> /XObject << /X 6 0 R >> >>"),
  }));
}

TEST(PdfReader, NothingOfTheFileReachesStderr) {
  // Poppler's own warnings quote the file: an unknown operator, a broken object.
  const std::string pdf =
      pdf_with_contents({"BT /F1 12 Tf (19121212-1212) Tj ET 19850101-1234 Qq"});
  ::testing::internal::CaptureStderr();
  read(pdf);
  read(pdf.substr(0, pdf.size() / 2));
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST(PdfReader, FuzzCorpusReplays) {
  const std::filesystem::path corpus =
      std::filesystem::path(GALGUARD_SOURCE_DIR) / "tests/fuzz/corpus/pdf";
  ASSERT_TRUE(std::filesystem::is_directory(corpus));
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    SCOPED_TRACE(entry.path().filename().string());
    expect_read_or_refused(slurp(entry.path()));
    ++files;
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace galguard::extract
