// A progress line on standard error for long directory loads (entries read, pages fetched),
// redrawn in place; only on a terminal, so scripts and logs stay quiet.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "directory/source_options.hpp"

namespace galguard::app {

class ProgressLine {
 public:
  explicit ProgressLine(std::string what);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Empty when standard error is not a terminal: the source then reports to no one.
  std::function<void(const directory::LoadProgress&)> callback();
  // Ends the line (if one was drawn).
  void done();

 private:
  void draw(const directory::LoadProgress& progress);

  std::string what_;
  bool terminal_;
  bool drawn_ = false;
};

}  // namespace galguard::app
