// galguard users add|list|passwd|remove: the review UI's local accounts. Run on the gateway
// host by its administrator; every change goes to the action log with the actor. Passwords are
// read from a file, a pipe or the terminal with echo off, never from the command line, where
// `ps` and the shell history would keep them.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string_view>

#include "gateway/app/actions.hpp"
#include "gateway/app/commands.hpp"
#include "gateway/app/quarantine_actions.hpp"
#include "gateway/review/password.hpp"

namespace galguard::app {
namespace {

using quarantine_cli::add_actor_option;
using quarantine_cli::add_config_option;
using quarantine_cli::load_config;
using quarantine_cli::open_store;
using quarantine_cli::printable;

constexpr const char* kAddUsage =
    "usage: galguard users add NAME --role dpo|viewer [--password-file F] [--actor NAME] "
    "[--config FILE]\n"
    "Adds an account to the review UI. dpo may release, delete and record incidents; viewer "
    "only reads. The password (at least 12 characters) comes from --password-file (its first "
    "line), else from standard input when that is not a terminal, else it is asked twice with "
    "echo off. Only its argon2id hash is stored.\n"
    "Exit status: 0 added, 2 error (name taken, weak password, passwords differ).";

constexpr const char* kListUsage =
    "usage: galguard users list [--config FILE]\n"
    "Lists the review UI's accounts: name, role and when added (never the password hashes).\n"
    "Exit status: 0 listed, 2 error.";

constexpr const char* kPasswdUsage =
    "usage: galguard users passwd NAME [--password-file F] [--actor NAME] [--config FILE]\n"
    "Sets a new password for an account, read as for `users add`. Sessions already logged in "
    "keep running until they expire.\n"
    "Exit status: 0 changed, 2 error (unknown name, weak password, passwords differ).";

constexpr const char* kRemoveUsage =
    "usage: galguard users remove NAME [--actor NAME] [--config FILE]\n"
    "Removes an account; the action log keeps what it did.\n"
    "Exit status: 0 removed, 2 error (unknown name).";

po::options_description user_options(bool with_password) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("name", po::value<std::string>(),
                                                    "the account name");
  if (with_password) {
    options.add_options()("password-file", po::value<std::string>(),
                          "read the password from the first line of this file");
  }
  add_actor_option(options);
  add_config_option(options);
  return options;
}

std::string first_line(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Echo goes off before the prompt shows (as getpass does): anything typed ahead of the prompt
// is flushed, and an answer typed once the prompt is visible is never thrown away with it.
// Echo comes back on afterwards, also when reading fails.
std::string ask_hidden(const char* prompt) {
  termios old{};
  const bool have_tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (have_tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  fmt::print(stderr, "{}", prompt);
  std::fflush(stderr);
  std::string line = first_line(std::cin);
  if (have_tty) tcsetattr(STDIN_FILENO, TCSANOW, &old);
  fmt::print(stderr, "\n");
  return line;
}

std::string read_password(const po::variables_map& vars) {
  std::string password;
  if (vars.count("password-file") != 0U) {
    const std::string path = vars["password-file"].as<std::string>();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read the password file");
    password = first_line(in);
  } else if (isatty(STDIN_FILENO) == 0) {
    password = first_line(std::cin);
  } else {
    password = ask_hidden("New password: ");
    if (ask_hidden("Again: ") != password) throw std::runtime_error("the passwords differ");
  }
  if (const std::string problem = review::password_problem(password); !problem.empty())
    throw std::runtime_error("password refused: " + problem);
  return password;
}

std::string name_of(const po::variables_map& vars) {
  const std::string name = quarantine_cli::clean_text(vars["name"].as<std::string>());
  if (name.empty()) throw std::runtime_error("the account name is empty");
  if (name != vars["name"].as<std::string>() || name.size() > 128)
    throw std::runtime_error("the account name must be at most 128 printable characters");
  return name;
}

int run_add(const std::vector<std::string>& args) {
  po::options_description options = user_options(true);
  options.add_options()("role", po::value<std::string>(), "dpo or viewer");
  auto parsed = parse_options(kAddUsage, options, one_positional("name"), args, {"name", "role"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;
  const auto role = quarantine::role_from_string(vars["role"].as<std::string>());
  if (!role) {
    throw std::runtime_error("unknown --role '" + printable(vars["role"].as<std::string>()) +
                             "' (dpo or viewer)");
  }
  const std::string name = name_of(vars);
  const std::string who = quarantine_cli::actor(vars);
  // The first account may come before the first `serve`: setting up creates the database.
  const auto store = open_store(load_config(vars), quarantine_cli::Missing::create);
  if (store->user(name)) throw std::runtime_error("user " + printable(name) + " already exists");
  const std::string hash = review::hash_password(read_password(vars));
  const std::int64_t now = quarantine::unix_now();
  store->add_user({name, *role, hash, now}, who, now);
  fmt::print("added {} ({})\n", printable(name), quarantine::to_string(*role));
  return 0;
}

int run_list(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help");
  add_config_option(options);
  auto parsed = parse_options(kListUsage, options, {}, args, {});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto store = open_store(load_config(parsed.vars));
  const auto users = store->users();
  if (users.empty()) {
    fmt::print("no users (add one with `galguard users add NAME --role dpo`)\n");
    return 0;
  }
  fmt::print("{:<24} {:<7} {}\n", "NAME", "ROLE", "ADDED");
  for (const auto& u : users) {
    fmt::print("{:<24} {:<7} {}\n", printable(u.name), quarantine::to_string(u.role),
               quarantine::iso_time(u.created_at));
  }
  return 0;
}

int run_passwd(const std::vector<std::string>& args) {
  auto parsed =
      parse_options(kPasswdUsage, user_options(true), one_positional("name"), args, {"name"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;
  const std::string name = vars["name"].as<std::string>();
  const std::string who = quarantine_cli::actor(vars);
  const auto store = open_store(load_config(vars));
  if (!store->user(name)) throw std::runtime_error("no user named " + printable(name));
  const std::string hash = review::hash_password(read_password(vars));
  store->set_password(name, hash, who, quarantine::unix_now());
  fmt::print("password of {} changed\n", printable(name));
  return 0;
}

int run_remove(const std::vector<std::string>& args) {
  auto parsed =
      parse_options(kRemoveUsage, user_options(false), one_positional("name"), args, {"name"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;
  const std::string name = vars["name"].as<std::string>();
  const std::string who = quarantine_cli::actor(vars);
  const auto store = open_store(load_config(vars));
  try {
    store->remove_user(name, who, quarantine::unix_now());
  } catch (const quarantine::StateError&) {
    throw std::runtime_error("no user named " + printable(name));
  }
  fmt::print("removed {}\n", printable(name));
  return 0;
}

constexpr std::array<Action, 4> kActions = {{
    {"add", "add NAME --role dpo|viewer [--password-file F] [--actor NAME]", &run_add},
    {"list", "list", &run_list},
    {"passwd", "passwd NAME [--password-file F] [--actor NAME]", &run_passwd},
    {"remove", "remove NAME [--actor NAME]", &run_remove},
}};

}  // namespace

int run_users(const std::vector<std::string>& args) {
  return run_action(
      {"users",
       "The review UI's local accounts. Every change is written to the action log with "
       "who made it.",
       kActions},
      args);
}

}  // namespace galguard::app
