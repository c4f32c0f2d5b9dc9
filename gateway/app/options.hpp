// Command-line parsing shared by the subcommands (Boost.Program_options), so every command
// has the same --help and the same error wording.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

namespace galguard::app {

namespace po = boost::program_options;

// Parses args against the options; prints help or the error itself. Returns the variables, or
// the exit code to stop with (0 after --help, kExitError after a usage error).
struct ParsedOptions {
  po::variables_map vars;
  std::optional<int> exit_code;
};
ParsedOptions parse_options(const std::string& usage, const po::options_description& options,
                            const po::positional_options_description& positional,
                            const std::vector<std::string>& args,
                            const std::vector<std::string>& required);

// One positional argument: `galguard quarantine show ID` → the option "id".
po::positional_options_description one_positional(const char* name);

}  // namespace galguard::app
