// A recipient header that could not be read into mailboxes completely: whoever it also names
// is a recipient nobody judged, so the message fails closed. The raw header is shown (escaped
// by the message view) because it is the only evidence of whom the sender meant.
#include <fmt/compile.h>
#include <fmt/format.h>

#include "rules/checks/check_table.hpp"

namespace galguard::rules::detail {

void check_unreadable_recipients(const MessageContext& c, std::vector<Finding>& out) {
  for (const UnreadableHeader& unreadable : c.message.unreadable_recipients) {
    Finding f;
    f.code = "unreadable-recipient";
    f.severity = find_check(f.code).severity;
    f.header = unreadable.header;
    f.explanation = fmt::format(
        FMT_COMPILE(
            "The {} header cannot be read into addresses completely ({}), so galguard cannot check "
            "every recipient it names; correct the recipients and send the message again. As "
            "written: {}: {}"),
        unreadable.header, unreadable.reason, unreadable.header, unreadable.raw);
    out.push_back(std::move(f));
  }
}

}  // namespace galguard::rules::detail
