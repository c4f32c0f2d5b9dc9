// A credential for a directory server (LDAP bind password, Graph client secret). Never an option
// on a command line (ps shows those): the first line of a file, else an environment variable.
// Read at each use, so a rotated secret is picked up without a restart.
#pragma once

#include <string>

namespace galguard::directory {

// The file's content without its trailing newline when `file` is set (rules::InputError naming
// `place` and the setting `what` when it cannot be read or is empty), else $env, else "".
std::string read_secret(const std::string& file, const std::string& env, const std::string& place,
                        const std::string& what);

}  // namespace galguard::directory
