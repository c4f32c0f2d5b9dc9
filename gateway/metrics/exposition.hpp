// The Prometheus text exposition format, version 0.0.4: how a name, its help, its labels and a
// value are written. Written here rather than taken from prometheus-cpp: the format is a page
// of rules and galguard needs a dozen series, not another dependency.
// https://prometheus.io/docs/instrumenting/exposition_formats/
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galguard::metrics {

inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

// A label value: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view value);
// A HELP text: backslash and line feed escaped (a quote is allowed there).
std::string escape_help(std::string_view text);
// 3, 0.25, 1e+20, +Inf, -Inf, NaN.
std::string format_value(double value);

// "# HELP name help\n# TYPE name type\n"
void write_header(std::string& out, std::string_view name, std::string_view help,
                  std::string_view type);
// name{label="value",...} value\n  (no braces without labels). names and values pair up.
void write_sample(std::string& out, std::string_view name, const std::vector<std::string>& names,
                  const std::vector<std::string>& values, double value);

}  // namespace galguard::metrics
