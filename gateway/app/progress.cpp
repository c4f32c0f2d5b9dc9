#include "gateway/app/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace galguard::app {

ProgressLine::ProgressLine(std::string what)
    : what_(std::move(what)), terminal_(::isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() {
  done();
}

std::function<void(const directory::LoadProgress&)> ProgressLine::callback() {
  if (!terminal_) return {};
  return [this](const directory::LoadProgress& progress) { draw(progress); };
}

void ProgressLine::draw(const directory::LoadProgress& progress) {
  // \r and erase-to-end-of-line: the line shrinks cleanly when a count gets shorter.
  fmt::print(stderr, "\r{}: {} entries, {} pages\x1b[K", what_, progress.entries, progress.pages);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::done() {
  if (!drawn_) return;
  fmt::print(stderr, "\n");
  drawn_ = false;
}

}  // namespace galguard::app
