// Counters, gauges and a histogram with fixed buckets, each a family of series under one name,
// safe to update from any thread (the SMTP thread, the blocking pool, the review UI's thread).
// A series is one combination of label values; the label names are fixed per family.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::metrics {

using LabelValues = std::vector<std::string>;

class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> label_names);
  virtual ~Family() = default;
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  const std::string& name() const { return name_; }
  // HELP, TYPE and every series, in the text exposition format.
  virtual void render(std::string& out) const = 0;

 protected:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
};

// Shared by counters and gauges: one number per series.
class Series : public Family {
 public:
  Series(std::string name, std::string help, std::vector<std::string> label_names);
  // 0 for a series never touched.
  double value(const LabelValues& values = {}) const;
  // Shows a series at 0 before its first event, so rate() and absent() behave from the start.
  void touch(const LabelValues& values);
  void render(std::string& out) const override;

 protected:
  virtual std::string_view type() const = 0;
  void change(const LabelValues& values, double by, bool replace);

 private:
  mutable std::mutex mutex_;
  std::map<LabelValues, double> values_;
};

class Counter : public Series {
 public:
  // The name ends in _total (Prometheus naming for counters).
  Counter(std::string name, std::string help, std::vector<std::string> label_names = {});
  void inc(const LabelValues& values = {}, double by = 1);

 private:
  std::string_view type() const override { return "counter"; }
};

class Gauge : public Series {
 public:
  Gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  void set(double value, const LabelValues& values = {});

 private:
  std::string_view type() const override { return "gauge"; }
};

// No labels; `bounds` are the upper bounds of the buckets, ascending, +Inf added.
class Histogram : public Family {
 public:
  Histogram(std::string name, std::string help, std::vector<double> bounds);
  void observe(double value);
  std::uint64_t count() const;
  void render(std::string& out) const override;

 private:
  std::vector<double> bounds_;
  mutable std::mutex mutex_;
  std::vector<std::uint64_t> counts_;  // per bucket, not cumulative; the last is +Inf
  double sum_ = 0;
};

}  // namespace galguard::metrics
