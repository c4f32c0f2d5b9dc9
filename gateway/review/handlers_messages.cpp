#include "gateway/review/decisions.hpp"
#include "gateway/review/review_call.hpp"

namespace galguard::review {
namespace {

std::string message_link(const std::string& id, std::string_view done = {}) {
  std::string link = "/messages/" + percent_encode(id);
  if (!done.empty()) link += "?done=" + std::string(done);
  return link;
}

Response show(AppState& app, Call& call, bool with_body) {
  const std::string& id = call.param(0);
  const auto message = app.store.get(id);
  if (!message) return error_response(call, 404, "There is no message with this id.");
  MessagePageInput input;
  input.message = &*message;
  if (with_body) {
    if (message->raw.empty())
      return error_response(call, 409, "The message's bytes were erased; there is no body.",
                            message_link(id));
    // Logged before it is shown: a viewing that was not recorded must not happen.
    app.store.log(call.now, call.viewer->name, "viewed-body", id, "");
    input.show_body = true;
  }
  input.log = app.store.action_log(id);
  input.four_eyes = needs_second_approval(*message, app.config.review);
  return html_response(200, message_page(input, *call.viewer, with_body ? "" : call.flash()));
}

// The common shape of a decision: the message exists, the reason is acceptable, the decision
// is made, and a refusal becomes a page that says why (nothing changed unless it says so).
template <typename Decide>
Response decide(AppState& app, Call& call, Decide&& decision) {
  const std::string& id = call.param(0);
  if (!app.store.get(id)) return error_response(call, 404, "There is no message with this id.");
  std::string reason;
  try {
    reason = clean_reason(call.form.get("reason"));
  } catch (const DecisionError& e) {
    return error_response(call, 400, std::string("The reason is needed: ") + e.what(),
                          message_link(id));
  }
  try {
    return decision(id, reason);
  } catch (const DecisionError& e) {
    return error_response(call, 409, e.what(), message_link(id));
  } catch (const quarantine::StateError& e) {
    return error_response(call, 409, e.what(), message_link(id));
  }
}

}  // namespace

Response get_message(AppState& app, Call& call) {
  return show(app, call, false);
}

Response post_body(AppState& app, Call& call) {
  return show(app, call, true);
}

Response post_release(AppState& app, Call& call) {
  return decide(app, call, [&](const std::string& id, const std::string& reason) {
    const auto outcome = release(app.store, app.config, id, call.viewer->name, reason, call.now);
    return redirect(message_link(
        id, outcome.kind == ReleaseOutcome::Kind::requested ? "requested" : "released"));
  });
}

Response post_delete(AppState& app, Call& call) {
  return decide(app, call, [&](const std::string& id, const std::string& reason) {
    delete_message(app.store, id, call.viewer->name, reason, call.now);
    return redirect(message_link(id, "deleted"));
  });
}

Response post_incident(AppState& app, Call& call) {
  return decide(app, call, [&](const std::string& id, const std::string& reason) {
    const std::string incident =
        mark_incident(app.store, app.config, id, call.viewer->name, reason, call.now);
    return redirect("/incidents/" + percent_encode(incident) + "?done=incident");
  });
}

Response post_not_incident(AppState& app, Call& call) {
  return decide(app, call, [&](const std::string& id, const std::string& reason) {
    mark_not_incident(app.store, id, call.viewer->name, reason, call.now);
    return redirect(message_link(id, "not-incident"));
  });
}

}  // namespace galguard::review
