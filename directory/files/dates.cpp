// Dates in directory exports → ISO 8601 UTC, the one form Entry::changed_at holds.
#include <cstdio>

#include "directory/files/mapping.hpp"
#include "rules/text/ascii.hpp"

namespace galguard::directory::files {
namespace {

struct Civil {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool valid(const Civil& c) {
  return c.year >= 1601 && c.year <= 9999 && c.month >= 1 && c.month <= 12 && c.day >= 1 &&
         c.day <= days_in_month(c.year, c.month) && c.hour >= 0 && c.hour <= 23 && c.minute >= 0 &&
         c.minute <= 59 && c.second >= 0 && c.second <= 59;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civil_from_days(long long z, Civil& c) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  c.year = static_cast<int>(static_cast<long long>(yoe) + era * 400 + (m <= 2));
  c.month = static_cast<int>(m);
  c.day = static_cast<int>(d);
}

// The local time `c` at `offset_minutes` east of UTC, as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc(Civil c, int offset_minutes) {
  if (!valid(c)) return {};
  if (offset_minutes != 0) {
    long long t =
        days_from_civil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day)) *
            86400 +
        c.hour * 3600 + c.minute * 60 + c.second - offset_minutes * 60LL;
    long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    long long rest = t - days * 86400;
    civil_from_days(days, c);
    c.hour = static_cast<int>(rest / 3600);
    c.minute = static_cast<int>(rest / 60 % 60);
    c.second = static_cast<int>(rest % 60);
    if (!valid(c)) return {};
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

// A cursor over the text; every reader returns false and leaves the value alone on a mismatch.
struct Scanner {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i == s.size(); }
  bool peek(char c) const { return i < s.size() && s[i] == c; }
  bool eat(char c) {
    if (!peek(c)) return false;
    ++i;
    return true;
  }
  bool digit() const { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }
  // Between min and max digits.
  bool number(int& out, std::size_t min, std::size_t max) {
    std::size_t n = 0;
    int v = 0;
    while (n < max && digit()) {
      v = v * 10 + (s[i++] - '0');
      ++n;
    }
    if (n < min) return false;
    out = v;
    return true;
  }
  void skip_fraction() {
    if (peek('.') || peek(',')) {
      ++i;
      while (digit())
        ++i;
    }
  }
  void skip_spaces() {
    while (peek(' '))
      ++i;
  }
  // "Z", "+hh:mm", "+hhmm", "+hh", or nothing (UTC). False on anything else.
  bool zone(int& offset_minutes) {
    offset_minutes = 0;
    if (done() || eat('Z') || eat('z')) return true;
    const bool minus = peek('-');
    if (!eat('+') && !eat('-')) return false;
    int h = 0, m = 0;
    if (!number(h, 2, 2) || h > 23) return false;
    eat(':');
    if (digit() && (!number(m, 2, 2) || m > 59)) return false;
    offset_minutes = (minus ? -1 : 1) * (h * 60 + m);
    return true;
  }
};

// "HH:MM[:SS][.fff]" with an optional " AM"/" PM" after it.
bool read_clock(Scanner& in, Civil& c, bool allow_ampm) {
  if (!in.number(c.hour, 1, 2) || !in.eat(':') || !in.number(c.minute, 2, 2)) return false;
  if (in.eat(':') && !in.number(c.second, 2, 2)) return false;
  in.skip_fraction();
  if (!allow_ampm) return true;
  in.skip_spaces();
  std::string_view rest = in.s.substr(in.i);
  const bool am = istarts_with(rest, "AM"), pm = istarts_with(rest, "PM");
  if (!am && !pm) return true;
  if (c.hour < 1 || c.hour > 12) return false;
  c.hour = c.hour % 12 + (pm ? 12 : 0);
  in.i += 2;
  return true;
}

std::string iso_form(Scanner in) {
  Civil c;
  if (!in.number(c.year, 4, 4) || !in.eat('-') || !in.number(c.month, 2, 2) || !in.eat('-') ||
      !in.number(c.day, 2, 2))
    return {};
  if (!in.done()) {
    if (!in.eat('T') && !in.eat('t') && !in.eat(' ')) return {};
    if (!read_clock(in, c, false)) return {};
  }
  int offset = 0;
  if (!in.zone(offset) || !in.done()) return {};
  return format_utc(c, offset);
}

// "M/D/YYYY h:mm:ss AM" (en-US, day first when the first number cannot be a month) and
// "D.M.YYYY H:MM:SS" (de, nb, da, fi).
std::string culture_form(Scanner in) {
  Civil c;
  int first = 0, second = 0;
  if (!in.number(first, 1, 2)) return {};
  const char sep = in.peek('/') ? '/' : '.';
  if (!in.eat(sep) || !in.number(second, 1, 2) || !in.eat(sep) || !in.number(c.year, 4, 4))
    return {};
  const bool day_first = sep == '.' || first > 12;
  c.month = day_first ? second : first;
  c.day = day_first ? first : second;
  in.skip_spaces();
  if (!in.done() && !read_clock(in, c, true)) return {};
  in.skip_spaces();
  if (!in.done()) return {};
  return format_utc(c, 0);
}

}  // namespace

std::string generalized_time_to_iso(std::string_view value) {
  Scanner in{rules::ascii_trim(value)};
  Civil c;
  if (!in.number(c.year, 4, 4) || !in.number(c.month, 2, 2) || !in.number(c.day, 2, 2) ||
      !in.number(c.hour, 2, 2))
    return {};
  if (in.digit() && !in.number(c.minute, 2, 2)) return {};
  if (in.digit() && !in.number(c.second, 2, 2)) return {};
  in.skip_fraction();
  int offset = 0;
  if (!in.zone(offset) || !in.done()) return {};
  return format_utc(c, offset);
}

std::string date_to_iso(std::string_view value) {
  Scanner in{rules::ascii_trim(value)};
  if (in.s.size() >= 5 && in.s[4] == '-') return iso_form(in);
  return culture_form(in);
}

}  // namespace galguard::directory::files
