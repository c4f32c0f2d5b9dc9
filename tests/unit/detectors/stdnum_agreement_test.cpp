// The four Nordic identity-number validators against python-stdnum (Debian's python3-stdnum,
// test only), on a few thousand generated candidates: valid numbers built with correct dates and
// check digits, and near-misses (a wrong check digit, an impossible date, a date after today, a
// wrong separator or century sign, a digit too many or too few). Fixed seed and a pinned "today",
// so every run compares the same numbers. Runs /usr/bin/python3 (Debian's, which sees the
// python3-stdnum package; GALGUARD_PYTHON3 overrides) and FAILS when it or stdnum is missing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "rules/detectors/personal_data.hpp"

namespace galguard::rules {
namespace {

constexpr CivilDate kToday{2025, 6, 15};

// Where stdnum 1.18 and our documented rule legitimately differ. Candidates in these classes are
// checked against our rule only; every other candidate must get stdnum's verdict. No difference
// exists for DK numbers without the old mod-11 checksum (stdnum 1.18 does not ask for it either),
// DK and NO birth dates after today (both refuse them), NO D- and H-numbers (both take them) or
// FI temporary numbers 900-999 (asked with allow_temporary=True: they identify a person too).
constexpr const char* kSeCoordination =
    "SE samordningsnummer (day + 60): stdnum 1.18 does not know them and refuses the day";
constexpr const char* kSeFuture =
    "SE with the century and a birth date after today: stdnum has no future check for SE";
constexpr const char* kSeCentury =
    "SE with a century other than 18, 19 or 20: stdnum takes any year";
constexpr const char* kSeSeparator =
    "SE separators: stdnum drops spaces and colons anywhere and a '+' in the 13-character form; "
    "we take '-' or '+' before the last four digits, '+' only without the century";
constexpr const char* kDkSeparator =
    "DK separators: stdnum drops spaces and hyphens anywhere; we take DDMMYY-SSSS or ten digits";
constexpr const char* kNoSeparator =
    "NO separators: stdnum drops spaces, hyphens and colons anywhere; we take eleven digits";
constexpr const char* kFiNewSigns =
    "FI century signs Y X W V U and B C D E F (since 2023): stdnum 1.18 knows only +, - and A";
constexpr const char* kFiLowerCase =
    "FI lower-case letters: stdnum upper-cases first; we take the number as DVV prints it";
constexpr const char* kFiFuture = "FI birth date after today: stdnum has no future check for FI";

struct Candidate {
  const char* country;  // "se", "dk", "no", "fi": stdnum's module and our validator
  std::string text;
  bool ours;                         // our verdict by construction
  const char* difference = nullptr;  // one of the classes above, or compared with stdnum
};

struct Date {
  int year, month, day;
};

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in(int year, int month) {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0);
}

bool after_today(Date d) {
  return CivilDate{d.year, d.month, d.day} > kToday;
}

std::string digits(int value, int width) {
  std::string out(width, '0');
  for (int i = width - 1; i >= 0; --i, value /= 10)
    out[i] = static_cast<char>('0' + value % 10);
  return out;
}

class Generator {
 public:
  int pick(int lo, int hi) { return lo + static_cast<int>(rng_() % (hi - lo + 1)); }
  bool one_in(int n) { return pick(1, n) == 1; }

  Date date_between(int first_year, int last_year) {
    const int year = pick(first_year, last_year);
    const int month = pick(1, 12);
    return {year, month, pick(1, days_in(year, month))};
  }
  Date past(int first_year) {
    for (;;) {
      Date d = date_between(first_year, kToday.year);
      if (!after_today(d)) return d;
    }
  }
  Date future(int last_year) {
    for (;;) {
      Date d = date_between(kToday.year, last_year);
      if (after_today(d)) return d;
    }
  }
  // A day and month that exist in no year of the given year's form (Feb 29 only when not leap).
  void impossible(int year_for_leap, int& month, int& day) {
    switch (pick(0, 3)) {
      case 0:
        day = pick(32, 39);
        break;
      case 1:
        month = one_in(2) ? 0 : pick(13, 19);
        break;
      case 2:
        month = 2;
        day = pick(30, 31);
        break;
      default:
        if (leap(year_for_leap)) {
          day = 0;
        } else {
          month = 2;
          day = 29;
        }
    }
  }
  // Insert or remove one digit somewhere in the number.
  std::string wrong_length(std::string text) {
    const auto at = static_cast<std::size_t>(pick(0, static_cast<int>(text.size()) - 1));
    if (one_in(2) && text[at] >= '0' && text[at] <= '9') {
      text.erase(at, 1);
    } else {
      text.insert(at, 1, static_cast<char>('0' + pick(0, 9)));
    }
    return text;
  }

 private:
  std::mt19937 rng_{20240612};  // the same candidates on every run
};

// --- SE: YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDDNNNC, YYYYMMDD-NNNC (Luhn over ten digits)

char luhn_digit(const std::string& nine) {
  int sum = 0;
  for (std::size_t i = 0; i < nine.size(); ++i) {
    const int v = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += v / 10 + v % 10;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string se_text(int year, int month, int day, int serial, int form) {
  std::string ten = digits(year % 100, 2) + digits(month, 2) + digits(day, 2) + digits(serial, 3);
  ten += luhn_digit(ten);
  const char sign = kToday.year - year >= 100 ? '+' : '-';
  switch (form) {
    case 10:
      return ten;
    case 11:
      return ten.substr(0, 6) + sign + ten.substr(6);
    case 12:
      return digits(year / 100, 2) + ten;
    default:
      return digits(year / 100, 2) + ten.substr(0, 6) + '-' + ten.substr(6);
  }
}

Candidate se_candidate(Generator& g) {
  Date d = g.past(1880);
  const int serial = g.pick(0, 999);
  constexpr std::array<int, 4> kForms{10, 11, 12, 13};
  int form = kForms[static_cast<std::size_t>(g.pick(0, 3))];
  const bool coordination = g.one_in(10);
  auto shown_day = [&] { return d.day + (coordination ? 60 : 0); };
  Candidate c{"se", {}, false, coordination ? kSeCoordination : nullptr};
  switch (g.pick(0, 9)) {
    case 4: {  // wrong check digit
      c.text = se_text(d.year, d.month, shown_day(), serial, form);
      char& check = c.text.back();
      check = static_cast<char>('0' + (check - '0' + g.pick(1, 9)) % 10);
      break;
    }
    case 5: {  // impossible date, right check digit (Feb 29: in neither possible century)
      int year = d.year;
      while (year % 4 == 0)
        --year;
      int month = d.month, day = d.day;
      g.impossible(year, month, day);
      c.text = se_text(year, month, day + (coordination ? 60 : 0), serial, form);
      break;
    }
    case 6: {  // born after today: only the forms with the century can say so
      d = g.future(2099);
      form = g.one_in(2) ? 12 : 13;
      c.text = se_text(d.year, d.month, shown_day(), serial, form);
      if (!c.difference) c.difference = kSeFuture;
      break;
    }
    case 7: {  // a separator we do not take
      constexpr std::string_view kOthers = "/._*: ";
      c.text = se_text(d.year, d.month, shown_day(), serial, form == 13 ? 13 : 11);
      const std::size_t at = c.text.size() - 5;
      if (c.text.size() == 13 && g.one_in(2)) {
        c.text[at] = '+';
        if (!c.difference) c.difference = kSeSeparator;
      } else {
        c.text[at] = kOthers[static_cast<std::size_t>(g.pick(0, 5))];
        if (c.text[at] == ':' || c.text[at] == ' ') {
          if (!c.difference) c.difference = kSeSeparator;
        }
      }
      break;
    }
    case 8:
      c.text = g.wrong_length(se_text(d.year, d.month, shown_day(), serial, form));
      break;
    case 9: {  // a century that is not 18, 19 or 20
      const int year = (g.one_in(2) ? 1700 : 2100) + d.year % 100;
      const int day = std::min(d.day, days_in(year, d.month));
      c.text = se_text(year, d.month, day + (coordination ? 60 : 0), serial, g.one_in(2) ? 12 : 13);
      if (!c.difference) c.difference = kSeCentury;
      break;
    }
    default:
      c.text = se_text(d.year, d.month, shown_day(), serial, form);
      c.ours = true;
  }
  return c;
}

// --- DK: DDMMYY-SSSS; the first serial digit with YY gives the century (CPR-kontoret's table)

std::vector<int> cpr_seventh_digits(int year) {
  const int yy = year % 100;
  if (year < 1900) return {5, 6, 7, 8};  // 1858-1899
  if (year < 2000)
    return yy >= 37 ? std::vector<int>{0, 1, 2, 3, 4, 9} : std::vector<int>{0, 1, 2, 3};
  return yy <= 36 ? std::vector<int>{4, 5, 6, 7, 8, 9} : std::vector<int>{5, 6, 7, 8};  // to 2057
}

std::string dk_text(int day, int month, int year, int seventh, int rest, bool hyphen) {
  return digits(day, 2) + digits(month, 2) + digits(year % 100, 2) + (hyphen ? "-" : "") +
         digits(seventh, 1) + digits(rest, 3);
}

Candidate dk_candidate(Generator& g) {
  Date d = g.past(1858);
  auto seventh_for = [&](int year) {
    const auto allowed = cpr_seventh_digits(year);
    return allowed[static_cast<std::size_t>(g.pick(0, static_cast<int>(allowed.size()) - 1))];
  };
  const int rest = g.pick(0, 999);  // mod 11 holds for about one in eleven: not asked for
  const bool hyphen = g.one_in(2);
  Candidate c{"dk", {}, false};
  switch (g.pick(0, 9)) {
    case 4: {  // impossible date in the century the 7th digit gives
      const int seventh = seventh_for(d.year);
      int month = d.month, day = d.day;
      g.impossible(d.year, month, day);
      c.text = dk_text(day, month, d.year, seventh, rest, hyphen);
      break;
    }
    case 5: {  // 29 February 00: 2000 (a leap year) with 4-9, 1900 (none) with 0-3
      const int seventh = g.pick(0, 9);
      c.text = dk_text(29, 2, 2000, seventh, rest, hyphen);
      c.ours = seventh >= 4;
      break;
    }
    case 6:  // born after today
      d = g.future(2057);
      c.text = dk_text(d.day, d.month, d.year, seventh_for(d.year), rest, hyphen);
      break;
    case 7: {  // a separator we do not take
      c.text = dk_text(d.day, d.month, d.year, seventh_for(d.year), rest, true);
      switch (g.pick(0, 3)) {
        case 0:
          c.text[6] = "+/._"[g.pick(0, 3)];
          break;
        case 1:
          c.text[6] = ' ';
          c.difference = kDkSeparator;
          break;
        case 2:  // "0101-801234"
          c.text.erase(6, 1);
          c.text.insert(4, "-");
          c.difference = kDkSeparator;
          break;
        default:
          c.text.insert(2, " ");
          c.difference = kDkSeparator;
      }
      break;
    }
    case 8:
      c.text = g.wrong_length(dk_text(d.day, d.month, d.year, seventh_for(d.year), rest, hyphen));
      break;
    case 9: {  // a letter for a digit
      c.text = dk_text(d.day, d.month, d.year, seventh_for(d.year), rest, hyphen);
      std::size_t at = static_cast<std::size_t>(g.pick(0, static_cast<int>(c.text.size()) - 1));
      if (c.text[at] == '-') at = 0;
      c.text[at] = g.one_in(2) ? 'O' : 'l';
      break;
    }
    default:
      c.text = dk_text(d.day, d.month, d.year, seventh_for(d.year), rest, hyphen);
      c.ours = true;
  }
  return c;
}

// --- NO: DDMMYYIIIKK; D-number day + 40, H-number month + 40; two mod-11 check digits

int mod11(const std::string& text, const std::vector<int>& weights) {
  int sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i)
    sum += (text[i] - '0') * weights[i];
  const int check = (11 - sum % 11) % 11;
  return check == 10 ? -1 : check;
}

// Nine digits and the two check digits, or "" when a check digit would be 10 (never issued).
std::string no_text(int day, int month, int year, int individual) {
  std::string text =
      digits(day, 2) + digits(month, 2) + digits(year % 100, 2) + digits(individual, 3);
  const int k1 = mod11(text, {3, 7, 6, 1, 8, 9, 4, 5, 2});
  if (k1 < 0) return {};
  text += static_cast<char>('0' + k1);
  const int k2 = mod11(text, {5, 4, 3, 2, 7, 6, 5, 4, 3, 2});
  if (k2 < 0) return {};
  return text + static_cast<char>('0' + k2);
}

int no_individual(Generator& g, int year) {
  if (year < 1900) return g.pick(500, 749);
  if (year >= 2000) return g.pick(500, 999);
  return year % 100 >= 40 && g.one_in(3) ? g.pick(900, 999) : g.pick(0, 499);
}

Candidate no_candidate(Generator& g) {
  for (;;) {
    Date d = g.past(1854);
    const int kind = g.pick(0, 9);
    int day = d.day, month = d.month, year = d.year;
    int individual = no_individual(g, year);
    bool ours = false;
    switch (kind) {
      case 6:  // impossible date, or an FH-number's day 80+
        if (g.one_in(4)) {
          day = g.pick(80, 99);
        } else {
          g.impossible(year, month, day);
        }
        break;
      case 7:  // 1940-1953 have no individual numbers 500-899: no century
        year = 1940 + g.pick(0, 13);
        day = std::min(day, 28);
        individual = g.pick(500, 899);
        break;
      case 8:  // born after today (2000-2039: individual numbers 500-999)
        d = g.future(2039);
        day = d.day;
        month = d.month;
        year = d.year;
        individual = g.pick(500, 999);
        break;
      default:
        ours = kind < 4 || kind == 9;
        if (g.one_in(6)) {
          day += 40;  // D-number
        } else if (g.one_in(8)) {
          month += 40;  // H-number
        }
    }
    std::string text = no_text(day, month, year, individual);
    if (text.empty()) continue;  // a check digit of 10: pick another
    Candidate c{"no", text, ours};
    if (kind == 4) {
      c.text[9] = static_cast<char>('0' + (c.text[9] - '0' + g.pick(1, 9)) % 10);
      c.ours = false;
    } else if (kind == 5) {
      c.text[10] = static_cast<char>('0' + (c.text[10] - '0' + g.pick(1, 9)) % 10);
      c.ours = false;
    } else if (kind == 9) {  // a separator we do not take
      const char sep = " -:/"[g.pick(0, 3)];
      c.text.insert(6, 1, sep);
      c.ours = false;
      if (sep != '/') c.difference = kNoSeparator;
    }
    return c;
  }
}

// --- FI: DDMMYYCZZZQ; C the century sign, Q the check character (DDMMYYZZZ mod 31)

constexpr std::string_view kCheckChars = "0123456789ABCDEFHJKLMNPRSTUVWXY";

std::string fi_text(int day, int month, int year, char sign, int individual) {
  const std::string date = digits(day, 2) + digits(month, 2) + digits(year % 100, 2);
  const long long nine = std::stoll(date + digits(individual, 3));
  return date + sign + digits(individual, 3) + kCheckChars[static_cast<std::size_t>(nine % 31)];
}

Candidate fi_candidate(Generator& g) {
  Date d = g.past(1850);
  int individual = g.pick(2, 999);
  const bool new_sign = g.one_in(5);
  auto sign_for = [&](int year) {
    if (year < 1900) return '+';
    if (year < 2000) return new_sign ? "YXWVU"[g.pick(0, 4)] : '-';
    return new_sign ? "BCDEF"[g.pick(0, 4)] : 'A';
  };
  Candidate c{"fi", {}, false};
  switch (g.pick(0, 9)) {
    case 4: {  // wrong check character
      c.text = fi_text(d.day, d.month, d.year, sign_for(d.year), individual);
      const std::size_t now = kCheckChars.find(c.text.back());
      c.text.back() = kCheckChars[(now + static_cast<std::size_t>(g.pick(1, 30))) % 31];
      break;
    }
    case 5: {  // impossible date, right check character
      int month = d.month, day = d.day;
      g.impossible(d.year, month, day);
      c.text = fi_text(day, month, d.year, sign_for(d.year), individual);
      break;
    }
    case 6:  // individual numbers 000 and 001 are never issued
      c.text = fi_text(d.day, d.month, d.year, sign_for(d.year), g.pick(0, 1));
      break;
    case 7:  // born after today
      d = g.future(2099);
      c.text = fi_text(d.day, d.month, d.year, sign_for(d.year), individual);
      c.difference = kFiFuture;
      break;
    case 8: {  // written in lower case
      d = g.past(2000);
      c.text = fi_text(d.day, d.month, d.year, 'A', individual);
      for (char& ch : c.text)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      c.difference = kFiLowerCase;
      break;
    }
    case 9:  // a sign that names no century
      c.text = fi_text(d.day, d.month, d.year, "/*Z_ "[g.pick(0, 4)], individual);
      break;
    default:
      c.text = fi_text(d.day, d.month, d.year, sign_for(d.year), individual);
      c.ours = true;
  }
  if (std::string_view("YXWVUBCDEF").find(c.text[6]) != std::string_view::npos && !c.difference)
    c.difference = kFiNewSigns;
  return c;
}

std::vector<Candidate> candidates() {
  Generator g;
  std::vector<Candidate> out;
  for (int i = 0; i < 1200; ++i) {
    out.push_back(se_candidate(g));
    out.push_back(dk_candidate(g));
    out.push_back(no_candidate(g));
    out.push_back(fi_candidate(g));
  }
  return out;
}

bool our_verdict(const Candidate& c) {
  const std::string_view country = c.country;
  if (country == "se") return valid_se_personnummer(c.text, kToday);
  if (country == "dk") return valid_dk_cpr(c.text, kToday);
  if (country == "no") return valid_no_fodselsnummer(c.text, kToday);
  return valid_fi_henkilotunnus(c.text, kToday);
}

// stdnum's verdict on each candidate, in order; fails the test when python3 or stdnum is missing.
std::vector<bool> stdnum_verdicts(const std::vector<Candidate>& list) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("galguard-stdnum-" + std::to_string(getpid()) + ".tsv");
  {
    std::ofstream out(file);
    for (const auto& c : list)
      out << c.country << '\t' << c.text << '\n';
  }
  const char* python = std::getenv("GALGUARD_PYTHON3");
  const std::string command = std::string("'") + (python ? python : "/usr/bin/python3") + "' '" +
                              GALGUARD_SOURCE_DIR + "/tests/unit/detectors/stdnum_verdicts.py' '" +
                              file.string() + "' " + std::to_string(kToday.year) + "-" +
                              digits(kToday.month, 2) + "-" + digits(kToday.day, 2) + " 2>&1";
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return {};
  }
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    output.append(buffer.data(), n);
  const int status = pclose(pipe);
  std::filesystem::remove(file);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << "python3 with python-stdnum is needed (Debian: python3 python3-stdnum): "
                  << command << " said:\n"
                  << output;
    return {};
  }
  std::vector<bool> verdicts;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line) && (line == "0" || line == "1");)
    verdicts.push_back(line == "1");
  EXPECT_EQ(verdicts.size(), list.size()) << "stdnum_verdicts.py said:\n" << output.substr(0, 2000);
  return verdicts;
}

TEST(NordicIdentityNumbers, AgreeWithPythonStdnum) {
  const std::vector<Candidate> list = candidates();
  const std::vector<bool> stdnum = stdnum_verdicts(list);
  ASSERT_EQ(stdnum.size(), list.size());

  std::map<std::string, std::array<int, 2>> compared;  // country → stdnum refused, accepted
  std::map<std::string, int> differences;
  int wrong = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Candidate& c = list[i];
    const bool got = our_verdict(c);
    if (got != c.ours && ++wrong <= 20) {
      ADD_FAILURE() << c.country << " " << c.text << ": ours " << got << ", built to be " << c.ours
                    << (c.difference ? " (" : "") << (c.difference ? c.difference : "")
                    << (c.difference ? ")" : "");
    }
    if (c.difference) {
      ++differences[c.difference];
      continue;
    }
    ++compared[c.country][stdnum[i] ? 1 : 0];
    if (got != stdnum[i] && ++wrong <= 20) {
      ADD_FAILURE() << c.country << " " << c.text << ": ours " << got << ", stdnum " << stdnum[i];
    }
  }
  EXPECT_EQ(wrong, 0);
  for (const auto& [country, counts] : compared)
    std::printf("%s: %d refused and %d valid compared with stdnum\n", country.c_str(), counts[0],
                counts[1]);
  for (const auto& [difference, count] : differences)
    std::printf("%d not compared: %s\n", count, difference.c_str());
  for (const char* country : {"se", "dk", "no", "fi"}) {
    EXPECT_GE(compared[country][0], 250) << country << ": too few refused numbers compared";
    EXPECT_GE(compared[country][1], 250) << country << ": too few valid numbers compared";
  }
  for (const char* difference : {kSeCoordination, kSeFuture, kSeCentury, kSeSeparator, kDkSeparator,
                                 kNoSeparator, kFiNewSigns, kFiLowerCase, kFiFuture})
    EXPECT_GE(differences[difference], 10) << "too few candidates for: " << difference;
}

}  // namespace
}  // namespace galguard::rules
