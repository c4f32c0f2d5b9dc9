// galguard extract [--config FILE] [--json] [--text] FILE...
// What the gateway reads inside attachments, file by file: type, inspected or why not, and the
// personal data found. `--worker` is the sandboxed reader the gateway starts (extract/worker.hpp).
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "extract/worker.hpp"
#include "gateway/app/commands.hpp"
#include "gateway/app/inputs.hpp"
#include "gateway/app/options.hpp"
#include "gateway/quarantine/unix_time.hpp"
#include "gateway/server/judgement.hpp"
#include "gateway/verdict/verdict_output.hpp"
#include "rules/detectors/personal_data.hpp"

namespace galguard::app {
int run_extract(const std::vector<std::string>& args) {
  // Before option parsing: the worker's stdin is the request, and nothing may be printed.
  if (args.size() == 1 && args[0] == "--worker") return extract::run_worker(stdin, stdout);

  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "config", po::value<std::string>()->value_name("FILE"),
      "galguard.toml: its [attachments] limits (default: the embedded ones)")(
      "json", po::bool_switch(), "one JSON object per file")(
      "text", po::bool_switch(),
      "also print the text that was read (personal data: on your own terminal only)")(
      "file", po::value<std::vector<std::string>>()->value_name("FILE"), "a file to read");
  po::positional_options_description positional;
  positional.add("file", -1);
  auto parsed = parse_options(
      "usage: galguard extract [--config FILE] [--json] [--text] FILE...\n"
      "Reads each file as the gateway reads an attachment (PDF, Word, Excel, PowerPoint,\n"
      "OpenDocument, CSV and other text, ZIP archives, saved messages), in a child process under\n"
      "the [attachments] limits, and prints what it is, whether it was inspected and why not,\n"
      "and the identity numbers and special categories found. Files inside archives and\n"
      "messages are listed as ARCHIVE/NAME.\n"
      "Exit status: 0 every file inspected, 1 something not inspected, 2 error.",
      options, positional, args, {"file"});
  if (parsed.exit_code) return *parsed.exit_code;
  const auto& vars = parsed.vars;
  const config::Config config = config::load_config(
      vars.count("config") ? std::optional(vars["config"].as<std::string>()) : std::nullopt);
  extract::Sandbox reader{extract::own_worker_command(), config.attachment_limits};

  bool all_inspected = true;
  for (const std::string& path : vars["file"].as<std::vector<std::string>>()) {
    rules::MessageView view;
    rules::Attachment file;
    file.name = path == "-" ? "stdin" : std::filesystem::path(path).filename().string();
    file.content = read_input(path);
    file.why = "not read";
    view.attachments.push_back(std::move(file));
    extract::read_attachments_sandboxed(view, reader);
    const rules::PersonalData pd = rules::detect_personal_data(view, quarantine::civil_today());
    for (const rules::AttachmentData& a : pd.attachments) {
      all_inspected = all_inspected && a.inspected && a.why.empty();
      if (vars["json"].as<bool>())
        std::cout << verdict::to_json(a).dump() << '\n';
      else
        std::cout << verdict::to_text(a) << '\n';
    }
    if (vars["text"].as<bool>()) {
      for (const rules::TextBlock& block : view.texts)
        fmt::print("--- {}\n{}\n", view.attachments[block.attachment].name, block.text);
    }
  }
  return all_inspected ? 0 : 1;
}

}  // namespace galguard::app
