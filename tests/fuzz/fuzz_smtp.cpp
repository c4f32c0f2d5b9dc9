// libFuzzer entry for the SMTP server core: any bytes from a client, cut into reads at any
// place, must give well-formed replies (a 2xx..5xx code, CRLF-terminated lines) and never a
// crash, a leak or an unbounded buffer. Keep reproducers in corpus/smtp/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gateway/smtp/line_reader.hpp"
#include "gateway/smtp/session.hpp"

namespace {

using namespace galguard::smtp;

void check(const Reply& reply) {
  if (reply.code < 200 || reply.code > 599) __builtin_trap();
  const std::string wire = reply.wire();
  if (wire.size() < 6 || !wire.ends_with("\r\n")) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Options options;
  options.limits.max_recipients = 5;
  options.limits.max_message_size = 4096;
  options.starttls = true;
  Session session(options);
  LineReader reader(options.limits.max_line);
  // The first byte sets the read size, so lines are cut across reads in every way.
  const std::size_t chunk = 1 + data[0] % 64;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  check(session.greeting());
  while (!input.empty() && !session.closed()) {
    reader.feed(input.substr(0, chunk));
    input.remove_prefix(std::min(chunk, input.size()));
    if (reader.buffered() > options.limits.max_line + 2 + chunk) __builtin_trap();
    while (auto line = reader.next()) {
      if (session.in_data()) {
        DataLine result = session.on_data_line(*line);
        if (result.kind == DataLine::Kind::refused) check(result.reply);
        if (result.kind == DataLine::Kind::complete) {
          if (session.message().size() > options.limits.max_message_size) __builtin_trap();
          session.message_done();
        }
        continue;
      }
      check(session.on_line(*line));
      if (session.closed()) break;
      if (session.tls_requested()) {
        reader.discard_buffered();
        session.on_tls_started();
      }
    }
  }
  return 0;
}
