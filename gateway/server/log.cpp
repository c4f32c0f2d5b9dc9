#include "gateway/server/log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>
#include <system_error>

namespace galguard::server {
namespace {

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                     std::chrono::time_point_cast<std::chrono::milliseconds>(now));
}

// Envelope addresses come from the network: keep the line one line and printable.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f)
      out += fmt::format("\\x{:02x}", c);
    else
      out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

std::string client_label(std::string_view name, std::string_view addr) {
  return fmt::format("{}[{}]", name.empty() ? "unknown" : printable(name), printable(addr));
}

Log::Log(const std::string& path, bool json) : out_(stderr), owned_(false), json_(json) {
  if (path.empty()) return;
  out_ = std::fopen(path.c_str(), "a");
  if (out_ == nullptr)
    throw std::system_error(errno, std::generic_category(), "cannot open log file " + path);
  owned_ = true;
}

Log::~Log() {
  if (owned_) std::fclose(out_);
}

void Log::message(const MessageRecord& r) {
  std::vector<std::string> rcpts;
  for (const auto& rcpt : r.recipients)
    rcpts.push_back("<" + printable(rcpt) + ">");
  if (json_) {
    nlohmann::json line = {{"time", timestamp()},      {"id", r.id},
                           {"queue_id", r.queue_id},   {"client", r.client},
                           {"from", r.from},           {"rcpt", r.recipients},
                           {"verdict", r.verdict},     {"codes", r.codes},
                           {"findings", r.findings},   {"relay", r.relay},
                           {"delay", r.delay.count()}, {"status", r.status},
                           {"reply", r.reply}};
    std::lock_guard lock(mutex_);
    fmt::print(out_, "{}\n", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    std::fflush(out_);
    return;
  }
  // delays=own/next hop, as Postfix splits its delays=: what galguard adds, and what it waited.
  const std::string queue_id = r.queue_id.empty() ? "" : " queue_id=" + printable(r.queue_id);
  std::vector<std::string> findings;
  for (const auto& finding : r.findings)
    findings.push_back(printable(finding));
  const std::string about =
      findings.empty() ? "" : fmt::format(" findings={}", fmt::join(findings, ","));
  write("info", fmt::format("{}:{} client={} from=<{}> rcpt={} verdict={} codes={}{} relay={} "
                            "delay={:.3f} delays={:.4f}/{:.4f} status={} ({})",
                            r.id, queue_id, r.client, printable(r.from), fmt::join(rcpts, ","),
                            r.verdict, fmt::join(r.codes, ","), about, r.relay, r.delay.count(),
                            (r.delay - r.next_hop_time).count(), r.next_hop_time.count(), r.status,
                            printable(r.reply)));
}

void Log::info(std::string_view text) {
  write("info", text);
}
void Log::warning(std::string_view text) {
  write("warning", text);
}
void Log::error(std::string_view text) {
  write("error", text);
}

void Log::write(std::string_view level, std::string_view text) {
  std::lock_guard lock(mutex_);
  if (json_) {
    nlohmann::json line = {{"time", timestamp()}, {"level", level}, {"text", text}};
    fmt::print(out_, "{}\n", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    const std::string prefix = level == "info" ? "" : std::string(level) + ": ";
    fmt::print(out_, "{} galguard[{}]: {}{}\n", timestamp(), ::getpid(), prefix, text);
  }
  std::fflush(out_);
}

}  // namespace galguard::server
