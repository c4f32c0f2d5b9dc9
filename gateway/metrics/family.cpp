#include "gateway/metrics/family.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

#include "gateway/metrics/exposition.hpp"

namespace galguard::metrics {

Family::Family(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

Series::Series(std::string name, std::string help, std::vector<std::string> label_names)
    : Family(std::move(name), std::move(help), std::move(label_names)) {
  // A series without labels exists from the start.
  if (label_names_.empty()) values_[{}] = 0;
}

double Series::value(const LabelValues& values) const {
  std::lock_guard lock(mutex_);
  const auto it = values_.find(values);
  return it == values_.end() ? 0 : it->second;
}

void Series::touch(const LabelValues& values) {
  change(values, 0, false);
}

void Series::change(const LabelValues& values, double by, bool replace) {
  assert(values.size() == label_names_.size());
  std::lock_guard lock(mutex_);
  double& value = values_[values];
  value = replace ? by : value + by;
}

void Series::render(std::string& out) const {
  write_header(out, name_, help_, type());
  std::lock_guard lock(mutex_);
  for (const auto& [values, value] : values_)
    write_sample(out, name_, label_names_, values, value);
}

Counter::Counter(std::string name, std::string help, std::vector<std::string> label_names)
    : Series(std::move(name), std::move(help), std::move(label_names)) {
  assert(this->name().ends_with("_total"));
}

void Counter::inc(const LabelValues& values, double by) {
  assert(by >= 0);  // a counter that goes down reads as a restart
  change(values, by, false);
}

Gauge::Gauge(std::string name, std::string help, std::vector<std::string> label_names)
    : Series(std::move(name), std::move(help), std::move(label_names)) {}

void Gauge::set(double value, const LabelValues& values) {
  change(values, value, true);
}

Histogram::Histogram(std::string name, std::string help, std::vector<double> bounds)
    : Family(std::move(name), std::move(help), {}),
      bounds_(std::move(bounds)),
      counts_(bounds_.size() + 1, 0) {
  assert(std::is_sorted(bounds_.begin(), bounds_.end()));
}

void Histogram::observe(double value) {
  // Bucket i counts values <= bounds_[i] (Prometheus "le").
  const std::size_t bucket =
      std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  std::lock_guard lock(mutex_);
  ++counts_[bucket];
  sum_ += value;
}

std::uint64_t Histogram::count() const {
  std::lock_guard lock(mutex_);
  std::uint64_t total = 0;
  for (const auto n : counts_)
    total += n;
  return total;
}

void Histogram::render(std::string& out) const {
  write_header(out, name_, help_, "histogram");
  std::lock_guard lock(mutex_);
  const std::string bucket = name_ + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    cumulative += counts_[i];
    const double le = i < bounds_.size() ? bounds_[i] : std::numeric_limits<double>::infinity();
    write_sample(out, bucket, {"le"}, {format_value(le)}, static_cast<double>(cumulative));
  }
  write_sample(out, name_ + "_sum", {}, {}, sum_);
  write_sample(out, name_ + "_count", {}, {}, static_cast<double>(cumulative));
}

}  // namespace galguard::metrics
