// Runs the real galguard binary the way a user or a script does, capturing what it prints.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace galguard::e2e {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline std::string sample(const std::string& relative) {
  return std::string(GALGUARD_SOURCE_DIR) + "/samples/" + relative;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a /bin/sh command line: its standard output, standard error and exit code.
inline CliRun run_shell(const std::string& command_line) {
  char err_path[] = "/tmp/galguard-e2e-XXXXXX";
  int fd = mkstemp(err_path);
  if (fd >= 0) close(fd);
  const std::string command = command_line + " 2>" + err_path;
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.out.append(buffer.data(), n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = read_file(err_path);
  std::remove(err_path);
  return run;
}

// `arguments` is passed to /bin/sh after the binary, so quote what needs it.
inline CliRun galguard(const std::string& arguments, const std::string& stdin_file = "") {
  std::string command = std::string(GALGUARD_BINARY) + " " + arguments;
  if (!stdin_file.empty()) command += " <" + stdin_file;
  return run_shell(command);
}

}  // namespace galguard::e2e
