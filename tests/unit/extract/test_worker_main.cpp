// The sandbox tests' reader: the real worker, made to misbehave on files whose name asks for it
// ("loop", "crash", "hog", "flood"), after it has limited itself as the real one does.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "extract/worker.hpp"

int main() {
  return galguard::extract::run_worker(stdin, stdout, [](const galguard::rules::Attachment& file) {
    if (file.name.find("loop") != std::string::npos) {
      volatile unsigned long spins = 0;
      while (true)
        spins = spins + 1;
    }
    if (file.name.find("crash") != std::string::npos) ::raise(SIGSEGV);
    if (file.name.find("hog") != std::string::npos) {
      // Until the address space limit says no: std::bad_alloc, which the worker reports.
      std::vector<std::vector<char>> hoard;
      while (true)
        hoard.emplace_back(64 * 1024 * 1024, 'x');
    }
    if (file.name.find("flood") != std::string::npos) {
      const std::string noise(65536, 'x');
      while (true)
        std::fwrite(noise.data(), 1, noise.size(), stdout);
    }
  });
}
