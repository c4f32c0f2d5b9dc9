#include "gateway/review/bar_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gateway/quarantine/unix_time.hpp"

namespace galguard::review {
namespace {

// The viewBox; the stylesheet scales it to the page's width.
constexpr double kWidth = 600;
constexpr double kHeight = 120;
constexpr double kBottom = 105;  // the x axis; day labels below it
constexpr double kTop = 12;      // room for the maximum's label

std::string day_of(std::int64_t t) {
  return quarantine::iso_time(t).substr(0, 10);
}

}  // namespace

std::string held_per_day_chart(const std::vector<int>& counts, std::int64_t first_day) {
  const int max = counts.empty() ? 0 : std::max(1, *std::max_element(counts.begin(), counts.end()));
  const double slot = counts.empty() ? kWidth : kWidth / static_cast<double>(counts.size());
  std::string svg = fmt::format(
      R"(<svg viewBox="0 0 {} {}" role="img" aria-label="Held messages per day, last {} days" preserveAspectRatio="none">)",
      kWidth, kHeight, counts.size());
  svg += fmt::format(R"(<line class="axis" x1="0" y1="{0}" x2="{1}" y2="{0}"/>)", kBottom, kWidth);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const int n = std::max(0, counts[i]);
    const double h = (kBottom - kTop) * n / max;
    const std::string day = day_of(first_day + static_cast<std::int64_t>(i) * 86400);
    svg += fmt::format(
        R"(<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"><title>{}: {} held</title></rect>)",
        slot * i + slot * 0.15, kBottom - h, slot * 0.7, h, day, n);
  }
  if (!counts.empty()) {
    svg += fmt::format(R"(<text x="0" y="{}">{}</text>)", kHeight - 2, day_of(first_day));
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", kWidth, kHeight - 2,
                       day_of(first_day + static_cast<std::int64_t>(counts.size() - 1) * 86400));
    svg += fmt::format(R"(<text x="0" y="10">max {}</text>)", max);
  }
  svg += "</svg>";
  return svg;
}

}  // namespace galguard::review
