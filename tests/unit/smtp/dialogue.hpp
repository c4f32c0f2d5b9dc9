// Runs a scripted SMTP dialogue against a Session, in the spirit of Postfix's smtpd_check.in
// and .ref: client lines on the left, the reply code and enhanced status wanted on the right.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gateway/smtp/session.hpp"

namespace galguard::smtp::testing {

struct Step {
  std::string line;  // what the client sends, without CRLF
  std::string want;  // "250 2.1.0", "354", or "" when no reply is due (a data line)
};

struct Delivery {
  Envelope envelope;
  std::string message;
};

// "250 2.1.0" for a reply with an enhanced status, "354" for one without.
inline std::string summary(const Reply& reply) {
  std::string out = std::to_string(reply.code);
  if (!reply.enhanced.empty()) out += " " + reply.enhanced;
  return out;
}

struct Dialogue {
  explicit Dialogue(Options options = {}, Reply answer = standard(Standard::ok, "Ok: queued"))
      : answer(std::move(answer)), session(std::move(options)) {}
  // The handler points back at this object.
  Dialogue(const Dialogue&) = delete;
  Dialogue& operator=(const Dialogue&) = delete;

  // What each step got, in the same "code enhanced" form as Step::want.
  std::vector<std::string> run(const std::vector<Step>& steps) {
    std::vector<std::string> got;
    for (const Step& step : steps) {
      if (session.in_data()) {
        got.push_back(data_line(step.line));
      } else {
        got.push_back(summary(session.on_line(step.line)));
      }
    }
    return got;
  }

  static std::vector<std::string> wanted(const std::vector<Step>& steps) {
    std::vector<std::string> out;
    for (const Step& step : steps)
      out.push_back(step.want);
    return out;
  }

  // What the network layer does with a data line: at the end, decide (here: record and give
  // the fixed answer), then let the session start over.
  std::string data_line(const std::string& line) {
    DataLine result = session.on_data_line(line);
    switch (result.kind) {
      case DataLine::Kind::more:
        return "";
      case DataLine::Kind::refused:
        return summary(result.reply);
      case DataLine::Kind::complete:
        break;
    }
    deliveries.push_back({session.envelope(), std::string{session.message()}});
    session.message_done();
    return summary(answer);
  }

  Reply answer;
  std::vector<Delivery> deliveries;
  Session session;
};

}  // namespace galguard::smtp::testing
