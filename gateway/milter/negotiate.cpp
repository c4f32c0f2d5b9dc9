#include "gateway/milter/negotiate.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace galguard::milter {

namespace {

struct StepFlags {
  Step step;
  std::uint32_t skip;      // SMFIP_NO*: do not send the step at all
  std::uint32_t no_reply;  // SMFIP_NR_*: send it, do not wait for a reply
};

constexpr std::array<StepFlags, 9> kSteps{{
    {Step::connect, flag::no_connect, flag::nr_connect},
    {Step::helo, flag::no_helo, flag::nr_helo},
    {Step::mail, flag::no_mail, flag::nr_mail},
    {Step::rcpt, flag::no_rcpt, flag::nr_rcpt},
    {Step::data, flag::no_data, flag::nr_data},
    {Step::unknown, flag::no_unknown, flag::nr_unknown},
    {Step::header, flag::no_headers, flag::nr_header},
    {Step::eoh, flag::no_eoh, flag::nr_eoh},
    {Step::body, flag::no_body, flag::nr_body},
}};

constexpr bool rows_in_step_order() {
  for (std::size_t i = 0; i < kSteps.size(); ++i)
    if (static_cast<std::size_t>(kSteps[i].step) != i) return false;
  return true;
}
static_assert(rows_in_step_order(), "kSteps is indexed by Step");

const StepFlags& flags_of(Step step) {
  return kSteps[static_cast<std::size_t>(step)];
}

}  // namespace

bool Negotiation::sent(Step step) const {
  return (chosen.protocol & flags_of(step).skip) == 0;
}

bool Negotiation::needs_reply(Step step) const {
  return sent(step) && (chosen.protocol & flags_of(step).no_reply) == 0;
}

Decoded<Negotiation> negotiate(std::uint32_t offered_version, std::uint32_t offered_actions,
                               std::uint32_t offered_protocol, const Wanted& wanted) {
  if (offered_version < kOldestProtocolVersion) {
    return Error{
        fmt::format("MTA offers milter protocol version {}, older than the oldest supported, {}",
                    offered_version, kOldestProtocolVersion)};
  }
  Negotiation result;
  // libmilter's rule: the lower of the two versions. An older MTA offers fewer flags, and
  // only offered flags are ever set below, so the same code serves versions 2 to 6.
  result.chosen.version = std::min(offered_version, kProtocolVersion);
  const std::uint32_t actions = wanted.actions | (wanted.macros.empty() ? 0u : action::set_symlist);
  result.chosen.actions = actions & offered_actions;
  result.missing_actions = actions & ~offered_actions;
  if (result.chosen.actions & action::set_symlist) result.macros = wanted.macros;

  // To reply, galguard must see the step.
  const std::uint32_t used = wanted.used | wanted.replied;
  // Every flag below is set only where offered: an MTA ignores or refuses a flag it did not offer.
  const auto take = [&](std::uint32_t flag) {
    if (offered_protocol & flag) result.chosen.protocol |= flag;
  };
  for (const StepFlags& row : kSteps) {
    const bool is_used = (used & step_bit(row.step)) != 0;
    if (!is_used) take(row.skip);
    const bool will_arrive = (result.chosen.protocol & row.skip) == 0;
    if (will_arrive && (wanted.replied & step_bit(row.step)) == 0) take(row.no_reply);
  }
  if (wanted.header_leading_space) take(flag::header_leading_space);
  return result;
}

}  // namespace galguard::milter
