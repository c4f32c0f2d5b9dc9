// Puts one held message into a quarantine database through the store API, as `serve` would, for
// the `galguard quarantine` end-to-end tests. Prints the new id.
//   seed_quarantine DATABASE RAW_FILE VERDICT_JSON_FILE RECEIVED_AT MAIL_FROM RCPT_TO...
// The codes and personal-data counts come from the verdict (what `check --json` printed).
#include <algorithm>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway/quarantine/sqlite_store.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace galguard::quarantine;
  if (argc < 7) {
    std::fprintf(stderr,
                 "usage: seed_quarantine DATABASE RAW_FILE VERDICT_JSON_FILE RECEIVED_AT "
                 "MAIL_FROM RCPT_TO...\n");
    return 2;
  }
  try {
    HeldMessage m;
    m.raw = read_file(argv[2]);
    m.verdict_json = read_file(argv[3]);
    m.received_at = std::stoll(argv[4]);
    m.envelope.mail_from = argv[5];
    for (int i = 6; i < argc; ++i)
      m.envelope.rcpt_to.emplace_back(argv[i]);
    m.envelope.helo = "mx1.stockholm.se";
    m.envelope.client_addr = "192.0.2.25";
    m.envelope.client_name = "mx1.stockholm.se";

    const auto verdict = nlohmann::json::parse(m.verdict_json);
    for (const auto& f : verdict.at("findings")) {
      const std::string code = f.at("code");
      if (std::find(m.codes.begin(), m.codes.end(), code) == m.codes.end()) m.codes.push_back(code);
    }
    const auto& pd = verdict.at("personal_data");
    m.personal_data.identity_numbers = pd.at("identity_numbers");
    m.personal_data.categories = pd.at("categories").get<std::vector<std::string>>();

    SqliteStore store(argv[1]);
    std::cout << store.hold(std::move(m)) << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seed_quarantine: %s\n", e.what());
    return 2;
  }
}
