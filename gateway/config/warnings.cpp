// Settings that are valid but work against each other or against the MTA in front.
#include <fmt/format.h>

#include "gateway/config/config.hpp"

namespace galguard::config {
namespace {

// Postfix's smtpd_proxy_timeout default: in before-queue mode Postfix waits this long for
// galguard's reply to the end of DATA, then gives up on a message galguard may still deliver.
constexpr std::chrono::seconds kPostfixProxyTimeout{100};

}  // namespace

std::vector<std::string> warnings(const Config& config) {
  std::vector<std::string> out;
  if (config.mode == Mode::before_queue) {
    const auto& t = config.relay.timeouts;
    const auto longest =
        std::max({t.connect, t.greeting, t.command, t.data_init, t.data_block, t.data_end});
    if (longest >= kPostfixProxyTimeout)
      out.push_back(fmt::format(
          "{}: mode = \"before-queue\" with a relay timeout of {} s: Postfix's "
          "smtpd_proxy_timeout (100 s by default) may expire first, and a message the next hop "
          "then accepts is also retried by the client (delivered twice); keep every [relay] "
          "timeout below it, e.g. 60s",
          place_of(config, "smtp.mode"),
          std::chrono::duration_cast<std::chrono::seconds>(longest).count()));
  }
  if (config.fail_open)
    out.push_back(
        fmt::format("{}: fail_open = true: while no directory is loaded, mail is "
                    "relayed unchecked",
                    place_of(config, "directory.fail_open")));
  return out;
}

}  // namespace galguard::config
