// The gateway's log: one line per message in Postfix style, so the tools and habits of a mail
// administrator (grep for an id, pflogsumm-like counting) work on it. DESIGN.md §8.
// What a line may hold is fixed here: envelope addresses, codes, the verdict, where it went.
// Never a body, a subject or anything the detectors found, only their counts.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace galguard::server {

struct MessageRecord {
  std::string id;        // the quarantine id when held, otherwise our own message id
  std::string queue_id;  // the MTA's queue id when it told us (milter macro i), else empty
  std::string client;    // "name[addr]" from XFORWARD, or the connecting peer
  std::string from;      // envelope sender
  std::vector<std::string> recipients;
  std::string verdict;  // pass | quarantine | reject | tempfail
  std::vector<std::string> codes;
  std::vector<std::string> findings;      // "code:<address>": which recipient each code is about
  std::string relay;                      // next hop "127.0.0.1:10026", "quarantine", or "none"
  std::chrono::duration<double> delay{};  // end of DATA to our reply
  std::chrono::duration<double> next_hop_time{};  // of that, waiting for the next hop
  std::string status;                             // sent | held | refused | deferred | bounced
  std::string reply;                              // what we answered, "250 2.0.0 Ok: ..."
};

class Log {
 public:
  // Empty path = standard error. Throws std::system_error when the file cannot be opened.
  explicit Log(const std::string& path = {}, bool json = false);
  ~Log();
  Log(const Log&) = delete;
  Log& operator=(const Log&) = delete;

  void message(const MessageRecord& record);
  void info(std::string_view text);
  void warning(std::string_view text);
  void error(std::string_view text);

 private:
  void write(std::string_view level, std::string_view text);

  std::FILE* out_;
  bool owned_;
  bool json_;
  std::mutex mutex_;
};

// "name[addr]" as Postfix writes a client; "unknown[addr]" when the name is not known.
std::string client_label(std::string_view name, std::string_view addr);

}  // namespace galguard::server
