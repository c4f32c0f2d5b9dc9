#include "gateway/app/options.hpp"

#include <fmt/format.h>

#include <iostream>

#include "gateway/app/commands.hpp"

namespace galguard::app {

ParsedOptions parse_options(const std::string& usage, const po::options_description& options,
                            const po::positional_options_description& positional,
                            const std::vector<std::string>& args,
                            const std::vector<std::string>& required) {
  ParsedOptions out;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(),
              out.vars);
    if (out.vars.count("help") != 0U) {
      std::cout << usage << "\n\n" << options << '\n';
      out.exit_code = 0;
      return out;
    }
    po::notify(out.vars);
    for (const auto& name : required)
      if (out.vars.count(name) == 0U)
        throw po::error(fmt::format("the option '--{}' is required", name));
  } catch (const po::error& e) {
    fmt::print(stderr, "galguard: {}\n{}\n(see --help)\n", e.what(), usage);
    out.exit_code = kExitError;
  }
  return out;
}

po::positional_options_description one_positional(const char* name) {
  po::positional_options_description positional;
  positional.add(name, 1);
  return positional;
}

}  // namespace galguard::app
